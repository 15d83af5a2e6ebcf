// @ts-check
// Stage 3's timeline: each worker's events, as it wrote them into the shared
// memory, turned into one lane per worker and drawn with demos/shared/timeline.js.

import { drawTimeline, kindTotals, laneEnd, timelineTable, uncovered } from '../shared/timeline.js';

/** @typedef {import('./pkg/shared_memory.js').Run} Run */
/** @typedef {import('../shared/timeline.js').Lane} Lane */
/** @typedef {{ kind: string, at: number, value: number }} RunEvent what `run.events(index)` returns */

/** The kinds of span and mark a lane has, as the legend and the table name them. */
const LEGEND = [
  { kind: 'start-up', label: 'start-up', tone: 'start' },
  { kind: 'start-line', label: 'at the start line', tone: 'wait' },
  { kind: 'counting', label: 'counting', tone: 'busy' },
  { kind: 'sample', label: 'progress sample', tone: 'mark' },
  { kind: 'done', label: 'done', tone: 'ok' },
  { kind: 'failed', label: 'failed', tone: 'fail' },
];

/**
 * One worker's lane: start-up from the run's start until its instance is
 * ready, then (after greeting, a few microseconds) the start line, then
 * counting until it is done or failed. A phase still under way reaches `now`.
 * @param {string} label @param {RunEvent[]} events @param {number} start @param {number} now
 * @returns {Lane}
 */
function laneOf(label, events, start, now) {
  /** @param {string} kind */
  const at = (kind) => events.find((event) => event.kind === kind)?.at;
  const ready = at('instantiated');
  const waiting = at('at-start-line');
  const counting = at('counting');
  const end = at('done') ?? at('failed');
  const spans = [{ start, end: ready ?? now, kind: 'start-up' }];
  if (waiting !== undefined) spans.push({ start: waiting, end: counting ?? end ?? now, kind: 'start-line' });
  if (counting !== undefined) spans.push({ start: counting, end: end ?? now, kind: 'counting' });
  const marks = events
    .filter((event) => ['sample', 'done', 'failed'].includes(event.kind))
    .map((event) => ({
      at: event.at,
      kind: event.kind,
      label: event.kind === 'sample' ? `${event.value.toLocaleString('en')} counted` : event.kind,
    }));
  return { label, spans, marks };
}

/** @param {Run} run @param {number} now */
function lanesOf(run, now) {
  return [...Array(run.workerCount).keys()].map((index) =>
    laneOf(`worker-${index}`, /** @type {RunEvent[]} */ (run.events(index)), run.startedAt, now),
  );
}

/**
 * The table's columns, all in milliseconds from the run's start. Idle is the
 * time at the start line plus whatever the lane does not cover (after its end).
 * @param {number} start @param {number} end
 * @returns {import('../shared/timeline.js').Column<Lane>[]}
 */
const columns = (start, end) => [
  { label: 'Thread', value: (lane) => lane.label },
  { label: 'Start-up ms', value: (lane) => kindTotals(lane)['start-up'] ?? 0 },
  { label: 'Busy ms', value: (lane) => kindTotals(lane).counting ?? 0 },
  { label: 'Idle ms', value: (lane) => (kindTotals(lane)['start-line'] ?? 0) + uncovered(lane, start, end) },
  { label: 'Last end ms', value: (lane) => laneEnd(lane) - start },
];

/**
 * Draws the run's timeline and its table into `container`, as it stands.
 * @param {HTMLElement} container @param {Run} run
 */
export function showLanes(container, run) {
  if (!run.recording) {
    container.replaceChildren(Object.assign(document.createElement('p'), { className: 'hint', textContent: 'This run recorded no timeline.' }));
    return;
  }
  const end = run.endedAt ?? run.startedAt + run.elapsed;
  const lanes = lanesOf(run, end);
  // For machines, as the drawing's spans carry their times: the run's length.
  container.dataset.duration = String(end - run.startedAt);
  const drawing = document.createElement('div');
  drawTimeline(drawing, { lanes, start: run.startedAt, end, caption: 'Each worker, on one time axis', legend: LEGEND });
  const table = timelineTable(lanes, columns(run.startedAt, end), 'The same, as a table (ms from the run’s start)');
  container.replaceChildren(drawing, table);
}
