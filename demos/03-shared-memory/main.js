// @ts-check
// Stage 3: Rust spawns N module workers on one compiled module and one shared
// memory. The page reads their greetings and counters from that memory.
import { checkCapabilities } from './capabilities.js';
import init, { maxWorkers, parseWorkerCount, sharedMemory, spawnWorkers } from './pkg/shared_memory.js';

/** @typedef {import('./pkg/shared_memory.js').Run} Run */
/** @typedef {import('./messages').FromWorker} FromWorker */

/** Each worker adds 1 to both counters this many times. */
const INCREMENTS = 10_000_000;
/** A run that takes longer than this is stopped and reported, never left hanging. */
const RUN_TIMEOUT_MS = 30_000;
/** How long a finished worker may take to free its stack before it is terminated anyway. */
const EXIT_GRACE_MS = 2_000;
const TROUBLESHOOTING = '/troubleshooting/';

const form = /** @type {HTMLFormElement} */ (document.getElementById('shared-memory-demo'));
const countField = /** @type {HTMLInputElement} */ (form.elements.namedItem('count'));
const panicBox = /** @type {HTMLInputElement} */ (form.elements.namedItem('panic'));
const runButton = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
const hint = /** @type {HTMLElement} */ (form.querySelector('.hint'));
const fieldError = /** @type {HTMLElement} */ (form.querySelector('[data-field-error]'));
const status = /** @type {HTMLElement} */ (form.querySelector('[data-status]'));
const runError = /** @type {HTMLElement} */ (form.querySelector('[data-run-error]'));
const greetings = /** @type {HTMLOListElement} */ (form.querySelector('[data-greetings]'));
/** @param {string} name */
const cell = (name) => /** @type {HTMLElement} */ (form.querySelector(`[data-${name}]`));

/** The run in progress or last finished; freeing it terminates its workers. */
/** @type {Run | undefined} */
let run;


async function main() {
  // ANCHOR: preflight
  const missing = checkCapabilities().filter((capability) => capability.required && !capability.ok);
  if (missing.length > 0) {
    setStatus('unsupported', 'This demo cannot run here.');
    const reasons = missing.map((capability) => capability.detail).join('; ');
    showRunError(`Not available: ${reasons}. Serve the page with the headers in netlify.toml (\`npm start\` does).`, missing[0].anchor);
    hint.textContent = '';
    return;
  }
  // ANCHOR_END: preflight
  try {
    // On the main thread, init() creates the shared WebAssembly.Memory.
    await init();
  } catch (cause) {
    setStatus('failed', 'The wasm module did not load.');
    showRunError(`${cause}. Run \`npm start\`, which builds demos/03-shared-memory/pkg/ first.`, 'wrong-mime-type-for-wasm');
    return;
  }
  const cap = maxWorkers();
  countField.value = String(Math.min(Math.max(navigator.hardwareConcurrency || 4, 1), cap));
  hint.textContent =
    `From 1 to ${cap} (the default is this device’s core count, navigator.hardwareConcurrency). ` +
    `Each worker is a real thread with a 2 MiB stack (wasm-bindgen’s default) in a shared memory capped at 128 MiB, ` +
    `and beyond the core count extra workers only take turns.`;
  runButton.disabled = false;
  setStatus('ready', 'Ready.');
  showMemory();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (runButton.disabled) return;
  let count;
  try {
    // The same Rust check that spawnWorkers makes; here it only reads the field.
    count = parseWorkerCount(countField.value);
  } catch (cause) {
    countField.setAttribute('aria-invalid', 'true');
    fieldError.textContent = `“${countField.value}” was not run: ${errorMessage(cause)}`;
    countField.focus();
    return;
  }
  countField.removeAttribute('aria-invalid');
  fieldError.textContent = '';
  runButton.disabled = true;
  startRun(count, panicBox.checked).finally(() => {
    runButton.disabled = false;
  });
});

// ANCHOR: run
/**
 * Spawns the workers, shows what they write to shared memory as it arrives,
 * and ends in a done or failed state; never earlier than every worker has
 * settled, never later than RUN_TIMEOUT_MS.
 * @param {number} count
 * @param {boolean} makeOnePanic
 */
async function startRun(count, makeOnePanic) {
  run?.free(); // terminates the previous run's workers, if any are left
  run = undefined;
  greetings.replaceChildren();
  runError.replaceChildren();
  setStatus('running', `Running ${count} worker${count === 1 ? '' : 's'}…`);

  const workerUrl = new URL('./worker.js', import.meta.url).href;
  const failingWorker = makeOnePanic ? count - 1 : undefined;
  try {
    run = spawnWorkers(count, INCREMENTS, workerUrl, failingWorker);
  } catch (cause) {
    setStatus('failed', 'No workers were started.');
    showRunError(errorMessage(cause));
    return;
  }
  const thisRun = run;
  // Once the run is over its Rust object is freed: late events must not touch it.
  let over = false;
  const isOver = () => over;
  const lifecycle = watchLifecycle(thisRun, isOver);
  const stopLiveView = startLiveView(thisRun);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the run took longer than ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS);
  });

  try {
    await Promise.race([waitUntilAllFinished(thisRun, isOver), lifecycle.failed, timeout]);
    // Counting is over; give each thread the moment it needs to free its stack.
    await Promise.race([lifecycle.allExited, lifecycle.failed, delay(EXIT_GRACE_MS)]);
    const panicked = [...Array(count).keys()].map((i) => thisRun.panicMessage(i)).find(Boolean);
    if (panicked) throw new Error(panicked);
    render(thisRun);
    const ok = thisRun.atomicTotal === thisRun.expectedTotal;
    const lost = thisRun.expectedTotal - thisRun.racyTotal;
    setStatus(
      'done',
      `Done: ${count} × ${INCREMENTS.toLocaleString('en')} = ${thisRun.expectedTotal.toLocaleString('en')}. ` +
        `Atomic total ${ok ? 'matches exactly' : 'DOES NOT match'}; the racy total lost ${lost.toLocaleString('en')} updates.`,
    );
  } catch (cause) {
    render(thisRun);
    setStatus('failed', 'The run failed; its workers were stopped.');
    showRunError(errorMessage(cause), 'a-worker-failed-or-panicked');
  } finally {
    over = true;
    clearTimeout(timer);
    stopLiveView();
    if (run === thisRun) {
      thisRun.free(); // terminates every worker of this run
      run = undefined;
    }
    showMemory();
  }
}
// ANCHOR_END: run

// ANCHOR: wait
/**
 * Resolves once every worker has counted `finished` up in shared memory.
 * `Atomics.wait` would block, which the main thread may not do; `waitAsync`
 * returns a promise instead. Where it is missing (Firefox before 145), the
 * page looks again every 50 ms.
 * @param {Run} run
 * @param {() => boolean} isOver stops the wait when the run ended some other way
 */
async function waitUntilAllFinished(run, isOver) {
  const index = run.finishedAddress / Int32Array.BYTES_PER_ELEMENT;
  const count = run.workerCount;
  while (!isOver()) {
    // A fresh view each time: growing the memory replaces its buffer.
    const view = new Int32Array(/** @type {WebAssembly.Memory} */ (sharedMemory()).buffer);
    const seen = Atomics.load(view, index);
    if (seen >= count) return;
    if (typeof Atomics.waitAsync === 'function') {
      const wait = Atomics.waitAsync(view, index, seen, 1000);
      if (wait.async) await wait.value;
    } else {
      await delay(50);
    }
  }
}
// ANCHOR_END: wait

/**
 * Listens to each worker's lifecycle messages. `allExited` resolves when every
 * worker has freed its stack; `failed` rejects on the first worker that could
 * not start or threw.
 * @param {Run} run
 * @param {() => boolean} isOver
 */
function watchLifecycle(run, isOver) {
  /** @type {(reason: Error) => void} */
  let fail = () => {};
  const failed = new Promise((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {}); // it may never be awaited once the run is over
  const exits = [];
  for (let index = 0; index < run.workerCount; index++) {
    const worker = /** @type {Worker} */ (run.worker(index));
    exits.push(
      new Promise((resolve) => {
        worker.addEventListener('message', (/** @type {MessageEvent<FromWorker>} */ event) => {
          if (isOver()) return;
          if (event.data.type === 'exited') {
            worker.terminate();
            resolve(undefined);
          } else {
            fail(new Error(run.panicMessage(index) ?? `worker-${index}: ${event.data.message}`));
          }
        });
        // worker.js did not load or threw before its message listener ran.
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          if (isOver()) return;
          fail(new Error(`worker-${index} could not start: ${event.message || 'its script failed to load'}`));
        });
      }),
    );
  }
  return { failed, allExited: Promise.all(exits) };
}

/**
 * Redraws from shared memory on every animation frame until stopped.
 * @param {Run} run
 */
function startLiveView(run) {
  let frame = requestAnimationFrame(function draw() {
    render(run);
    frame = requestAnimationFrame(draw);
  });
  return () => cancelAnimationFrame(frame);
}

/** Greetings appear in the order the page first sees them. @param {Run} run */
function render(run) {
  for (let index = 0; index < run.workerCount; index++) {
    const greeting = run.greeting(index);
    if (greeting && !greetings.querySelector(`[data-worker="${index}"]`)) {
      const item = document.createElement('li');
      item.dataset.worker = String(index);
      item.textContent = greeting;
      greetings.append(item);
    }
  }
  const expected = run.expectedTotal.toLocaleString('en');
  cell('finished').textContent = `${run.finished} of ${run.workerCount}`;
  cell('atomic-total').textContent = `${run.atomicTotal.toLocaleString('en')} of ${expected}`;
  cell('racy-total').textContent = `${run.racyTotal.toLocaleString('en')} of ${expected} (load, then store: updates get lost)`;
}

function showMemory() {
  const bytes = /** @type {WebAssembly.Memory} */ (sharedMemory()).buffer.byteLength;
  const memoryCell = cell('memory-bytes');
  memoryCell.dataset.bytes = String(bytes);
  memoryCell.textContent = `${(bytes / 2 ** 20).toFixed(2)} MiB (memory.buffer.byteLength)`;
}

/** @param {string} state @param {string} text */
function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

/** @param {string} message @param {string} [anchor] a section of the Troubleshooting page */
function showRunError(message, anchor) {
  runError.textContent = message;
  if (anchor) {
    const link = document.createElement('a');
    link.href = `${TROUBLESHOOTING}#${anchor}`;
    link.textContent = 'How to fix this';
    runError.append(' ', link);
  }
}

/** @param {unknown} cause */
function errorMessage(cause) {
  return cause instanceof Error ? cause.message : String(cause);
}

/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

main();
