// @ts-check
// Stage 3: the page starts N module workers on one compiled module and one
// shared memory, and reads their greetings and counters from that memory.
import { checkCapabilities } from './capabilities.js';
import init, { Run, maxWorkers, memoryCapBytes, parseWorkerCount, sharedMemory } from './pkg/shared_memory.js';

/** @typedef {import('./messages').FromWorker} FromWorker */
/** @typedef {{ problem?: string, running: Set<number> }} Ending */

/** A run whose counters stand still this long is stopped and reported, never left hanging. */
const STALL_TIMEOUT_MS = 30_000;
/** While workers count, the page redraws at least this often. */
const REDRAW_MS = 100;
/** wasm-bindgen's default stack for each worker thread, taken from the shared memory. */
const THREAD_STACK_BYTES = 2 * 2 ** 20;
/** The Troubleshooting sections the demo's own messages link to. */
const HOW_TO_FIX = {
  wasmDidNotLoad: '/troubleshooting/#wrong-mime-type-for-wasm',
  workerFailed: '/troubleshooting/#a-worker-failed-or-panicked',
};
const WORKER_URL = new URL('./worker.js', import.meta.url);

const form = /** @type {HTMLFormElement} */ (document.getElementById('shared-memory-demo'));
/** @param {string} selector */
const find = (selector) => /** @type {HTMLElement} */ (form.querySelector(selector));
const countField = /** @type {HTMLInputElement} */ (form.elements.namedItem('count'));
const panicBox = /** @type {HTMLInputElement} */ (form.elements.namedItem('panic'));
const runButton = /** @type {HTMLButtonElement} */ (find('button[type="submit"]'));
const hint = find('.hint');
const fieldError = find('[data-field-error]');
const status = find('[data-status]');
const runError = find('[data-run-error]');
const reload = find('[data-reload]');
const chips = find('[data-greetings]');

/** Bytes of thread stacks left behind by workers that had to be stopped mid-task. */
let strandedBytes = 0;

async function main() {
  const missing = checkCapabilities().filter((capability) => capability.required && !capability.ok);
  if (missing.length > 0) {
    setStatus('unsupported', 'This demo cannot run here.');
    const reasons = missing.map((capability) => capability.detail).join('; ');
    showRunError(`Not available: ${reasons}.`, `/troubleshooting/#${missing[0].anchor}`);
    hint.textContent = '';
    return;
  }
  try {
    // On the main thread, init() creates the shared WebAssembly.Memory.
    await init();
  } catch (cause) {
    setStatus('failed', 'The wasm module did not load.');
    showRunError(`${errorMessage(cause)}. Reload the page; if this persists, the site was deployed without its wasm.`, HOW_TO_FIX.wasmDidNotLoad);
    return;
  }
  const cap = maxWorkers();
  countField.value = String(Math.min(Math.max(navigator.hardwareConcurrency || 4, 1), cap));
  // The hint ships with these numbers already in it, so that the page does not
  // move when the module loads; they are filled in again from their sources
  // all the same, so that the hint can never disagree with the check.
  find('[data-max-workers]').textContent = String(cap);
  find('[data-stack-mib]').textContent = mebibytes(THREAD_STACK_BYTES);
  find('[data-memory-cap-mib]').textContent = mebibytes(memoryCapBytes());
  reload.querySelector('button')?.addEventListener('click', () => location.reload());
  runButton.disabled = false;
  setStatus('ready', 'Ready.');
  showMemory();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  // While a run is on, Run stays focusable but does nothing (aria-disabled):
  // disabling the focused button would drop keyboard focus to the page.
  if (runButton.disabled || runButton.getAttribute('aria-disabled') === 'true') return;
  let count;
  try {
    // The same Rust check that `new Run` makes; here it only reads the field.
    count = parseWorkerCount(countField.value);
  } catch (cause) {
    showFieldError(`“${countField.value}” was not run: ${errorMessage(cause)}`);
    return;
  }
  showFieldError('');
  runButton.setAttribute('aria-disabled', 'true');
  startRun(count, panicBox.checked).finally(() => runButton.removeAttribute('aria-disabled'));
});

// ANCHOR: share-spawn
/**
 * Starts worker `index` of `run`: a module worker, posted the compiled module,
 * the shared memory and its task, all in the message Rust builds.
 * @param {Run} run
 * @param {number} index
 */
function spawnWorker(run, index) {
  const worker = new Worker(WORKER_URL, { type: 'module', name: `worker-${index}` });
  worker.postMessage(run.startMessage(index));
  return worker;
}
// ANCHOR_END: share-spawn

// ANCHOR: robust-run
/**
 * One run from start to end. The page owns the workers: it creates them,
 * listens to them, and terminates every one of them once the run has ended.
 * @param {number} count
 * @param {boolean} makeOnePanic
 */
async function startRun(count, makeOnePanic) {
  const run = new Run(count, makeOnePanic ? count - 1 : undefined);
  /** @type {Worker[]} */
  const workers = [];
  showRunStarted(run);
  try {
    for (let index = 0; index < count; index++) workers.push(spawnWorker(run, index));
    const ended = endOfRun(run, workers);
    await watch(run, ended);
    showOutcome(run, await ended);
  } catch (cause) {
    // `new Worker` itself threw: the page's policies refuse the worker script.
    setStatus('failed', 'The workers could not be started.');
    showRunError(errorMessage(cause), HOW_TO_FIX.workerFailed);
  } finally {
    for (const worker of workers) worker.terminate();
    run.free();
    showMemory();
  }
}

/**
 * The run's one "done" promise. It settles once every worker has posted its
 * last word (each frees its own thread first), as soon as one cannot start
 * (the others would wait at the start line for ever), or when nothing has
 * moved in shared memory for STALL_TIMEOUT_MS. It never rejects: it says what
 * went wrong, if anything, and which workers were still running.
 * @param {Run} run
 * @param {Worker[]} workers
 * @returns {Promise<Ending>}
 */
function endOfRun(run, workers) {
  const running = new Set(workers.keys());
  return new Promise((resolve) => {
    /** @param {string} [problem] */
    const end = (problem) => {
      clearInterval(watchdog);
      resolve({ problem, running: new Set(running) });
    };
    // A slow device may count for minutes; only a run that stands still is stuck.
    const progress = () => run.atomicTotal + run.racyTotal + run.finished + greeted(run);
    let last = { progress: progress(), at: performance.now() };
    const watchdog = setInterval(() => {
      if (progress() !== last.progress) last = { progress: progress(), at: performance.now() };
      else if (performance.now() - last.at >= STALL_TIMEOUT_MS) end(`the run made no progress for ${STALL_TIMEOUT_MS / 1000} s`);
    }, 1000);
    workers.forEach((worker, index) => {
      /** @param {string} why */
      const couldNotStart = (why) => {
        running.delete(index);
        end(`worker-${index} could not start: ${why}`);
      };
      worker.addEventListener('message', (/** @type {MessageEvent<FromWorker>} */ { data }) => {
        if (data.type === 'failed') return couldNotStart(data.message);
        running.delete(index);
        if (running.size === 0) end();
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault(); // reported on the page instead
        couldNotStart(event.message || 'its script did not load');
      });
    });
  });
}
// ANCHOR_END: robust-run

// ANCHOR: wait-async
/**
 * Redraws the run from shared memory until it has ended: each time a worker
 * counts itself finished (Rust's `Atomics.notify`), and every REDRAW_MS for
 * the running totals. `Atomics.wait` would block, which the main thread may
 * not do; `Atomics.waitAsync` returns a promise instead. Where it is missing
 * (Firefox before 145), the page simply looks again every REDRAW_MS.
 * @param {Run} run
 * @param {Promise<Ending>} ended
 */
async function watch(run, ended) {
  let over = false;
  ended.then(() => (over = true));
  const index = run.finishedAddress / Int32Array.BYTES_PER_ELEMENT;
  while (!over) {
    render(run);
    // A fresh view each time: growing the memory replaces its buffer.
    const view = new Int32Array(/** @type {WebAssembly.Memory} */ (sharedMemory()).buffer);
    const seen = Atomics.load(view, index);
    const woken =
      typeof Atomics.waitAsync === 'function' ? Atomics.waitAsync(view, index, seen, REDRAW_MS).value : delay(REDRAW_MS);
    await Promise.race([woken, ended]);
  }
}
// ANCHOR_END: wait-async

let startedAt = 0;

/** @param {Run} run */
function showRunStarted(run) {
  startedAt = performance.now();
  runError.replaceChildren();
  chips.replaceChildren();
  find('[data-first-greeting]').textContent = '';
  find('[data-racy-why]').textContent = '';
  setValue('expected-total', run.expectedTotal, run.expectedTotal.toLocaleString('en'));
  setStatus('running', `Running ${run.workerCount} worker${run.workerCount === 1 ? '' : 's'}…`);
}

/**
 * The run has ended: say how, from what the workers left in shared memory.
 * @param {Run} run
 * @param {Ending} ending
 */
function showOutcome(run, { problem, running }) {
  const count = run.workerCount;
  const failure = [...Array(count).keys()].map((index) => run.failure(index)).find(Boolean);
  // Only a run in which every worker counted can say how many updates were lost.
  render(run, !problem && !failure);
  // Workers stopped after they started keep their stack: wasm cannot free it for them.
  const stranded = [...running].filter((index) => run.workerState(index) !== 'starting').length;
  if (stranded > 0) {
    strandedBytes += stranded * THREAD_STACK_BYTES;
    reload.hidden = false;
    find('[data-reload-reason]').textContent =
      `${mebibytes(strandedBytes)} MiB of the shared memory belong to workers that had to be stopped mid-task, ` +
      `and only a reload gives them back. Runs may fail once the memory is full.`;
  }
  if (problem || failure) {
    setStatus('failed', problem ? 'The run failed; its workers were stopped.' : 'A worker failed; the others finished first.');
    showRunError(problem ?? /** @type {string} */ (failure), HOW_TO_FIX.workerFailed);
    return;
  }
  const ok = run.atomicTotal === run.expectedTotal;
  const lost = run.expectedTotal - run.racyTotal;
  setStatus(
    'done',
    `Done: ${count} × ${run.increments.toLocaleString('en')} = ${run.expectedTotal.toLocaleString('en')}. ` +
      `Atomic total ${ok ? 'matches exactly' : 'DOES NOT match'}; the racy total lost ${lost.toLocaleString('en')} updates.`,
  );
  find('[data-racy-why]').textContent =
    lost > 0
      ? 'The racy total loses an update whenever another worker stores between a load and its store.'
      : count === 1
        ? 'One worker cannot race with itself: run two or more to see updates lost.'
        : `Nothing was lost this time: updates are only lost while two workers run the loop at the same moment, ` +
          `and with ${count} workers on ${navigator.hardwareConcurrency || 'a few'} cores one may finish before ` +
          `the next wakes up from the start line. Run again, or with more workers.`;
}

/**
 * Draws the run as it stands in shared memory.
 * @param {Run} run
 * @param {boolean} [final] whether every worker has ended
 */
function render(run, final = false) {
  // States first: a worker's ending is written after its counting, so once
  // every state reads done, the totals read below are complete.
  const states = [...Array(run.workerCount).keys()].map((index) => run.workerState(index));
  const done = states.filter((state) => state === 'done').length;
  const failed = states.filter((state) => state === 'panicked' || state === 'failed').length;
  setValue('finished', done, `${done} of ${run.workerCount}${failed ? `, ${failed} failed` : ''}`);
  showTotal('atomic', run.atomicTotal, run.expectedTotal, final);
  showTotal('racy', run.racyTotal, run.expectedTotal, final);
  setValue('elapsed', Math.round(performance.now() - startedAt), `${((performance.now() - startedAt) / 1000).toFixed(2)} s`);
  states.forEach((state, index) => showChip(run, index, state));
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

function showMemory() {
  const bytes = /** @type {WebAssembly.Memory} */ (sharedMemory()).buffer.byteLength;
  const cell = find('[data-memory-bytes]');
  cell.dataset.bytes = String(bytes);
  cell.textContent = `${mebibytes(bytes)} of ${mebibytes(memoryCapBytes())} MiB`;
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
function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

/** An empty message clears the error. @param {string} message */
function showFieldError(message) {
  if (message) countField.setAttribute('aria-invalid', 'true');
  else countField.removeAttribute('aria-invalid');
  // Emptied first, so that the live region announces the same message twice in a row.
  fieldError.textContent = '';
  requestAnimationFrame(() => (fieldError.textContent = message));
  if (message && document.activeElement !== countField) countField.focus();
}

/** @param {string} message @param {string} [fixUrl] the Troubleshooting section with the fix */
function showRunError(message, fixUrl) {
  runError.textContent = message;
  if (fixUrl) {
    const link = document.createElement('a');
    link.href = fixUrl;
    link.textContent = 'How to fix this';
    runError.append(' ', link);
  }
}

/** How many workers have greeted. @param {Run} run */
const greeted = (run) => [...Array(run.workerCount).keys()].filter((index) => run.greeting(index)).length;

/** @param {unknown} cause */
function errorMessage(cause) {
  return cause instanceof Error ? cause.message : String(cause);
}

/** @param {number} bytes */
const mebibytes = (bytes) => (bytes / 2 ** 20).toFixed(bytes % 2 ** 20 ? 1 : 0);
/** @param {number} share */
const percent = (share) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

main();
