// @ts-check
// Stage 3: the page starts N module workers on one compiled module and one
// shared memory, and reads their greetings and counters from that memory.
import init, { Run, constants, parseWorkerCount, sharedMemory } from './pkg/shared_memory.js';
import {
  greeted,
  limits,
  render,
  setStatus,
  showClockStep,
  showFieldError,
  showMemory,
  showOutcome,
  showRunError,
  showRunStarted,
} from './view.js';
import { missingFor } from '../shared/capabilities.js';
import { showConstants } from '../shared/constants.js';
import { errorMessage } from '../shared/errors.js';
import { delay } from '../shared/timing.js';
import { defaultThreadCount } from '../shared/threads.js';

/** @typedef {import('./messages').FromWorker} FromWorker */
/** @typedef {import('./view.js').Ending} Ending */

/** A run whose counters stand still this long is stopped and reported, never left hanging. */
const STALL_TIMEOUT_MS = 30_000;
/** While workers count, the page redraws at least this often. */
const REDRAW_MS = 100;
const WORKER_URL = new URL('./worker.js', import.meta.url);

const form = /** @type {HTMLFormElement} */ (document.getElementById('shared-memory-demo'));
/** @param {string} selector */
const find = (selector) => /** @type {HTMLElement} */ (form.querySelector(selector));
const countField = /** @type {HTMLInputElement} */ (form.elements.namedItem('count'));
const panicBox = /** @type {HTMLInputElement} */ (form.elements.namedItem('panic'));
const recordBox = /** @type {HTMLInputElement} */ (form.elements.namedItem('record'));
const countingChoice = /** @type {RadioNodeList} */ (form.elements.namedItem('counting'));
const runButton = /** @type {HTMLButtonElement} */ (find('button[type="submit"]'));
const hint = find('.hint');
const reload = find('[data-reload]');

async function main() {
  const missing = missingFor(3);
  if (missing.length > 0) {
    setStatus('unsupported', 'This demo cannot run here.');
    const reasons = missing.map((capability) => capability.detail).join('; ');
    showRunError(`Not available: ${reasons}.`, missing[0].anchor);
    hint.textContent = '';
    return;
  }
  try {
    // On the main thread, init() creates the shared WebAssembly.Memory.
    await init();
  } catch (cause) {
    setStatus('failed', 'The wasm module did not load.');
    showRunError(`${errorMessage(cause)}. Reload the page; if this persists, the site was deployed without its wasm.`, 'wrong-mime-type-for-wasm');
    return;
  }
  const numbers = /** @type {import('./messages').Constants} */ (constants());
  Object.assign(limits, numbers);
  countField.value = String(defaultThreadCount(numbers.maxWorkers));
  showConstants(form, numbers);
  reload.querySelector('button')?.addEventListener('click', () => location.reload());
  runButton.disabled = false;
  setStatus('ready', 'Ready.');
  showMemory();
  showClockStep();
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
  let run;
  try {
    // Rust checks the way of counting too: the page offers three, but
    // devtools or a copy of this page can send any value.
    run = new Run(count, countingChoice.value, recordBox.checked, panicBox.checked ? count - 1 : undefined);
  } catch (cause) {
    showRunError(`“${countingChoice.value}” was not run: ${errorMessage(cause)}`);
    return;
  }
  runButton.setAttribute('aria-disabled', 'true');
  startRun(run).finally(() => runButton.removeAttribute('aria-disabled'));
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
 * @param {Run} run
 */
async function startRun(run) {
  /** @type {Worker[]} */
  const workers = [];
  showRunStarted(run);
  try {
    for (let index = 0; index < run.workerCount; index++) workers.push(spawnWorker(run, index));
    const ended = endOfRun(run, workers);
    await watch(run, ended);
    const ending = await ended;
    run.end();
    showOutcome(run, ending);
  } catch (cause) {
    // `new Worker` itself threw: the page's policies refuse the worker script.
    run.end();
    setStatus('failed', 'The workers could not be started.');
    showRunError(errorMessage(cause), 'a-worker-failed-or-panicked');
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
    const progress = () => run.exactTotal + (run.racyTotal ?? 0) + run.finished + greeted(run);
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

main();
