// @ts-check
// The last few runs side by side, so that a reader can compare the ways of
// counting and the worker counts without writing anything down.
import { timelineTable } from '../shared/timeline.js';

/** @typedef {{ counting: string, workers: number, exact: boolean, lost?: number, ms: number, total: number }} RunRecord */

/** How many runs the table keeps. */
const KEPT = 5;

/** @type {import('../shared/timeline.js').Column<RunRecord>[]} */
const COLUMNS = [
  { label: 'Counting', value: (run) => run.counting },
  { label: 'Workers', value: (run) => run.workers },
  { label: 'Exact', value: (run) => (run.exact ? 'yes' : 'NO') },
  { label: 'Racy lost', value: (run) => run.lost ?? '–' },
  { label: 'ms', value: (run) => run.ms, format: (ms) => ms.toFixed(0) },
  // The exact total's increments per microsecond of the whole run, start-up included.
  { label: 'Adds / µs', value: (run) => run.total / (run.ms * 1000), format: (rate) => rate.toFixed(1) },
];

/** @type {RunRecord[]} */
const runs = [];

/** Adds a finished run to the table in `container`, newest first. @param {HTMLElement} container @param {RunRecord} run */
export function rememberRun(container, run) {
  runs.unshift(run);
  runs.splice(KEPT);
  container.replaceChildren(timelineTable(runs, COLUMNS, `Your last ${runs.length === 1 ? 'run' : `${runs.length} runs`}, newest first`));
}
