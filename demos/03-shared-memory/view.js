// @ts-check
// Stage 3's display: what a run looks like, read from the shared memory. It
// starts and ends nothing; main.js owns the run and its workers.
import { showRunError as showError } from '../shared/errors.js';
import { rememberRun } from './history.js';
import { showLanes } from './lanes.js';
import { sharedMemory } from './pkg/shared_memory.js';

/** @typedef {import('./pkg/shared_memory.js').Run} Run */
/** @typedef {{ problem?: string, running: Set<number> }} Ending */

const form = /** @type {HTMLFormElement} */ (document.getElementById('shared-memory-demo'));
/** @param {string} selector */
const find = (selector) => /** @type {HTMLElement} */ (form.querySelector(selector));
const countField = /** @type {HTMLInputElement} */ (form.elements.namedItem('count'));
const fieldError = find('[data-field-error]');
const status = find('[data-status]');
const runError = find('[data-run-error]');
const reload = find('[data-reload]');
const chips = find('[data-greetings]');

/** What the exact total is called, for each way of counting. */
const EXACT_NAMES = /** @type {Record<string, string>} */ ({
  'shared-line': 'Atomic total',
  'own-line': 'Sum of own lines',
  mutex: 'Mutex total',
});

/** Filled in by main.js from the module's constants(). */
export const limits = { memoryCapBytes: 0, threadStackBytes: 0 };
/** Bytes of thread stacks left behind by workers that had to be stopped mid-task. */
let strandedBytes = 0;
/**
 * While a run counts, its lanes are redrawn at most this often: drawing them
 * takes a core from the workers (on 2 cores, redrawn every REDRAW_MS, it made
 * a 140 ms run 7 % slower, and drawn at its start, 3 %; `npm run bench`
 * measures it). A short run is drawn once, at its end; until then the lanes
 * of the run before stay.
 */
const LANES_LIVE_MS = 1000;
/** When the lanes were last drawn, or the run began, on this page's clock. */
let lanesDrawnAt = 0;

/** @param {Run} run */
export function showRunStarted(run) {
  lanesDrawnAt = performance.now();
  runError.replaceChildren();
  chips.replaceChildren();
  find('[data-first-greeting]').textContent = '';
  find('[data-racy-why]').textContent = '';
  find('[data-total-name]').textContent = EXACT_NAMES[run.counting];
  find('.total.racy').hidden = run.racyTotal === undefined;
  setValue('expected-total', run.expectedTotal, run.expectedTotal.toLocaleString('en'));
  setStatus('running', `Running ${run.workerCount} worker${run.workerCount === 1 ? '' : 's'}…`);
}

/**
 * The run has ended: say how, from what the workers left in shared memory.
 * @param {Run} run
 * @param {Ending} ending
 */
export function showOutcome(run, { problem, running }) {
  const count = run.workerCount;
  const failure = [...Array(count).keys()].map((index) => run.failure(index)).find(Boolean);
  // Only a run in which every worker counted can say how many updates were lost.
  render(run, !problem && !failure);
  // Workers stopped after they started keep their stack: wasm cannot free it for them.
  const stranded = [...running].filter((index) => run.workerState(index) !== 'starting').length;
  if (stranded > 0) {
    strandedBytes += stranded * limits.threadStackBytes;
    reload.hidden = false;
    find('[data-reload-reason]').textContent =
      `${mebibytes(strandedBytes)} MiB of the shared memory belong to workers that had to be stopped mid-task, ` +
      `and only a reload gives them back. Runs may fail once the memory is full.`;
  }
  if (problem || failure) {
    setStatus('failed', problem ? 'The run failed; its workers were stopped.' : 'A worker failed; the others finished first.');
    showRunError(problem ?? /** @type {string} */ (failure), 'a-worker-failed-or-panicked');
    return;
  }
  const exact = run.exactTotal === run.expectedTotal;
  const racy = run.racyTotal;
  const lost = racy === undefined ? undefined : run.expectedTotal - racy;
  rememberRun(find('[data-history]'), { counting: run.counting, workers: count, exact, lost, ms: run.elapsed, total: run.expectedTotal });
  setStatus(
    'done',
    `Done: ${count} × ${run.increments.toLocaleString('en')} = ${run.expectedTotal.toLocaleString('en')}. ` +
      `${EXACT_NAMES[run.counting]} ${exact ? 'matches exactly' : 'DOES NOT match'}` +
      (lost === undefined ? '.' : `; the racy total lost ${lost.toLocaleString('en')} updates.`),
  );
  if (lost === undefined) return;
  find('[data-racy-why]').textContent =
    lost > 0
      ? 'The racy total loses an update whenever another worker stores between a load and its store.'
      : count === 1
        ? 'One worker cannot race with itself: run two or more to see updates lost.'
        : `Nothing was lost this time: updates are only lost while two workers run the loop at the same moment ` +
          `on two cores. The timeline shows when each one counted, not whether the system ran them at once: ` +
          `with ${count} workers on ${navigator.hardwareConcurrency || 'a few'} cores of a busy machine, they may ` +
          `have taken turns. Run again, or with more workers.`;
}

/**
 * Draws the run as it stands in shared memory.
 * @param {Run} run
 * @param {boolean} [final] whether every worker has ended
 */
export function render(run, final = false) {
  // States first: a worker's ending is written after its counting, so once
  // every state reads done, the totals read below are complete.
  const states = [...Array(run.workerCount).keys()].map((index) => run.workerState(index));
  const done = states.filter((state) => state === 'done').length;
  const failed = states.filter((state) => state === 'panicked' || state === 'failed').length;
  setValue('finished', done, `${done} of ${run.workerCount}${failed ? `, ${failed} failed` : ''}`);
  showTotal('atomic', run.exactTotal, run.expectedTotal, final);
  const racy = run.racyTotal;
  if (racy !== undefined) showTotal('racy', racy, run.expectedTotal, final);
  const elapsed = run.elapsed;
  setValue('elapsed', Math.round(elapsed), `${(elapsed / 1000).toFixed(2)} s`);
  states.forEach((state, index) => showChip(run, index, state));
  if (run.endedAt !== undefined || performance.now() - lanesDrawnAt >= LANES_LIVE_MS) {
    showLanes(find('[data-lanes]'), run);
    lanesDrawnAt = performance.now();
  }
  find('[data-clock]').hidden = !run.recording;
  showMemory();
}

/**
 * A total as text and as a bar; once the run is over, with the share lost.
 * @param {'atomic' | 'racy'} name
 * @param {number} total
 * @param {number} expected
 * @param {boolean} final
 */
function showTotal(name, total, expected, final) {
  const lost = expected - total;
  const verdict = !final ? '' : lost === 0 ? ', none lost' : `, ${percent(lost / expected)} of updates lost`;
  setValue(`${name}-total`, total, `${total.toLocaleString('en')} of ${expected.toLocaleString('en')}${verdict}`);
  find(`[data-bar="${name}"]`).style.setProperty('--share', String(total / expected));
}

/**
 * One compact chip per worker, in worker order.
 * @param {Run} run
 * @param {number} index
 * @param {string} state
 */
function showChip(run, index, state) {
  let chip = /** @type {HTMLElement | null} */ (chips.querySelector(`[data-worker="${index}"]`));
  if (!chip) {
    chip = document.createElement('li');
    chip.dataset.worker = String(index);
    chips.append(chip);
  }
  if (chip.dataset.state === state) return;
  chip.dataset.state = state;
  chip.textContent = `worker-${index} ${state}`;
  const greeting = run.greeting(index);
  if (greeting && !chip.dataset.greeting) {
    chip.dataset.greeting = greeting;
    chip.title = greeting;
    const first = find('[data-first-greeting]');
    if (!first.textContent) first.textContent = `First greeting through the shared memory: “${greeting}”`;
  }
}

/** The smallest step the page's clock takes, in milliseconds, as measured here. */
export function showClockStep() {
  let step = Infinity;
  for (let i = 0; i < 10; i++) {
    const before = performance.now();
    let after = before;
    while (after === before) after = performance.now();
    step = Math.min(step, after - before);
  }
  setValue('clock-step', step, `${(step * 1000).toLocaleString('en', { maximumFractionDigits: 1 })} µs`);
}

export function showMemory() {
  const bytes = /** @type {WebAssembly.Memory} */ (sharedMemory()).buffer.byteLength;
  const cell = find('[data-memory-bytes]');
  cell.dataset.bytes = String(bytes);
  cell.textContent = `${mebibytes(bytes)} of ${mebibytes(limits.memoryCapBytes)} MiB`;
}

/**
 * @param {string} name the `data-` attribute that marks the cell
 * @param {number} value the plain number, for machines
 * @param {string} text the same, for people
 */
function setValue(name, value, text) {
  const cell = find(`[data-${name}]`);
  cell.dataset.value = String(value);
  cell.textContent = text;
}

/** @param {string} state @param {string} text */
export function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

/** An empty message clears the error. @param {string} message */
export function showFieldError(message) {
  if (message) countField.setAttribute('aria-invalid', 'true');
  else countField.removeAttribute('aria-invalid');
  // Emptied first, so that the live region announces the same message twice in a row.
  fieldError.textContent = '';
  requestAnimationFrame(() => (fieldError.textContent = message));
  if (message && document.activeElement !== countField) countField.focus();
}

/** @param {string} message @param {string} [anchor] the Troubleshooting section with the fix */
export function showRunError(message, anchor) {
  showError(runError, message, anchor);
}

/** How many workers have greeted. @param {Run} run */
export const greeted = (run) => [...Array(run.workerCount).keys()].filter((index) => run.greeting(index)).length;

/** @param {number} bytes */
const mebibytes = (bytes) => (bytes / 2 ** 20).toFixed(bytes % 2 ** 20 ? 1 : 0);
/** @param {number} share */
const percent = (share) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
