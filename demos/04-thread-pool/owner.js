// @ts-check
/// <reference lib="webworker" />
// The owner: the one worker the page talks to. It instantiates the module
// (which creates the shared memory), owns the pool, and is the thread that
// blocks while the pool renders, so that the page's main thread never does.
import init, {
  Image,
  Pool,
  panicReportAddress,
  parseSetting,
  settingLimits,
  sharedMemory,
  startPoolWorker,
} from './pkg/thread_pool.js';

/** @typedef {import('./messages').ToOwner} ToOwner */
/** @typedef {import('./messages').FromOwner} FromOwner */
/** @typedef {import('./messages').FromPoolWorker} FromPoolWorker */
/** @typedef {import('./messages').SettingName} SettingName */

/** @type {SettingName[]} */
const SETTINGS = ['threads', 'width', 'height', 'iterations'];

/**
 * @typedef {object} Watched a pool worker, as its owner sees it
 * @property {Worker} worker
 * @property {(type: 'loaded' | 'started' | 'idle' | 'stopped') => Promise<void>} next resolves on the
 *   worker's next message of that type, rejects if it fails first
 */

/** The pool workers, as many as the pool has threads. */
/** @type {Watched[]} */
const poolWorkers = [];
/** The pool: one thread on each pool worker. Re-made only for a new thread count. */
/** @type {Pool | undefined} */
let current;
/** The plain loop's checksum, by settings: what every thread count must match. */
const referenceChecksums = new Map();

/** @param {FromOwner} message @param {Transferable[]} [transfer] */
const reply = (message, transfer = []) => self.postMessage(message, transfer);

// Registered before the first await, so that no message from the page is missed.
self.addEventListener('message', (/** @type {MessageEvent<ToOwner>} */ event) => {
  const message = event.data;
  if (message.type === 'render') {
    render(message).catch((cause) => reply({ type: 'failed', message: errorMessage(cause) }));
  }
});

await init();
reply({
  type: 'ready',
  limits: /** @type {import('./messages').Limits} */ (
    Object.fromEntries(
      SETTINGS.map((name) => {
        const [min, max, value] = settingLimits(name);
        return [name, { min, max, default: value }];
      }),
    )
  ),
  memory: /** @type {WebAssembly.Memory} */ (sharedMemory()),
  panicReport: panicReportAddress(),
});

// ANCHOR: render
/** @param {ToOwner} request */
async function render(request) {
  /** @type {Partial<Record<SettingName, number>>} */
  const values = {};
  /** @type {Partial<Record<SettingName, string>>} */
  const errors = {};
  for (const name of SETTINGS) {
    try {
      values[name] = parseSetting(name, request.settings[name]);
    } catch (cause) {
      errors[name] = errorMessage(cause);
    }
  }
  if (Object.keys(errors).length > 0) return reply({ type: 'refused', errors });
  const { threads = 1, width = 1, height = 1, iterations = 1 } = values;

  const image = new Image(width, height, iterations);
  try {
    // Never block before every pool worker runs: a worker started from this
    // one may need this thread's event loop to get going.
    const pool = request.sequential ? undefined : await poolOf(threads);
    // From here this thread blocks until the render is over, so this is the
    // last the page hears until then: its render timeout starts now.
    reply({ type: 'rendering' });
    const start = performance.now();
    if (pool) {
      image.renderOn(pool, request.failingRow); // blocks this worker, not the page
    } else {
      image.renderSequential();
    }
    const ms = performance.now() - start;
    const checksum = image.checksum();
    // A copy in an ordinary ArrayBuffer (see Image::pixels), so it can be transferred.
    const pixels = /** @type {ArrayBuffer} */ (image.pixels().buffer);
    reply(
      {
        type: 'rendered',
        threads: request.sequential ? 0 : threads,
        width,
        height,
        iterations,
        ms,
        checksum,
        referenceChecksum: referenceChecksum(width, height, iterations),
        pixels,
        poolWorkers: poolWorkers.length,
        memoryBytes: /** @type {WebAssembly.Memory} */ (sharedMemory()).buffer.byteLength,
      },
      [pixels],
    );
  } finally {
    image.free();
  }
}
// ANCHOR_END: render

// ANCHOR: pool
/**
 * The pool with `threads` threads, all of them running. A new thread count
 * drops the old pool (its threads return and their workers wait, idle),
 * ends the workers the new pool does not need or starts the ones it lacks,
 * and gives the new pool's threads to the workers.
 *
 * Nothing here has a timeout of its own: the page times this whole start.
 * (A `new Worker` call can block this thread, and a blocked thread's timers
 * never fire.)
 * @param {number} threads
 */
async function poolOf(threads) {
  if (current?.threadCount === threads) return current;
  if (current) {
    const pool = current;
    current = undefined;
    const idle = poolWorkers.map((watched) => watched.next('idle'));
    pool.free(); // tells Rayon's threads to return once they have no work left
    await Promise.all(idle);
  }
  // Fewer threads than workers: end the extra ones, after each has freed its
  // stack and thread-local storage in the shared memory.
  for (const extra of poolWorkers.splice(threads)) {
    const stopped = extra.next('stopped');
    extra.worker.postMessage(/** @type {import('./messages').ToPoolWorker} */ ({ type: 'stop' }));
    await stopped;
    extra.worker.terminate();
  }
  const url = new URL('./pool-worker.js', import.meta.url).href;
  // One at a time, each awaited: a worker started from a worker may need its
  // parent's event loop to load, so this thread must not block meanwhile.
  while (poolWorkers.length < threads) {
    const watched = watch(startPoolWorker(url, poolWorkers.length), poolWorkers.length);
    poolWorkers.push(watched);
    await watched.next('loaded');
  }
  const started = poolWorkers.map((watched) => watched.next('started'));
  // Rayon's spawn handler posts each worker its thread.
  const pool = new Pool(poolWorkers.map((watched) => watched.worker));
  current = pool;
  await Promise.all(started);
  return pool;
}

/**
 * Listens to one pool worker: the one place its messages are handled.
 * @param {Worker} worker
 * @param {number} index
 * @returns {Watched}
 */
function watch(worker, index) {
  /** @type {{ type: string, resolve: () => void, reject: (reason: Error) => void }[]} */
  let waiting = [];
  /** @param {Error} cause */
  const fail = (cause) => {
    for (const waiter of waiting) waiter.reject(cause);
    waiting = [];
  };
  worker.addEventListener('message', (/** @type {MessageEvent<FromPoolWorker>} */ event) => {
    const message = event.data;
    if (message.type === 'error') {
      fail(new Error(`pool-${index}: ${message.message}`));
      return;
    }
    const [ready, still] = [waiting.filter((w) => w.type === message.type), waiting.filter((w) => w.type !== message.type)];
    waiting = still;
    for (const waiter of ready) waiter.resolve();
  });
  // pool-worker.js did not load, or threw before its listener ran.
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(new Error(`pool-${index} could not start: ${event.message || 'its script failed to load'}`));
  });
  return {
    worker,
    next: (type) =>
      new Promise((resolve, reject) => {
        waiting.push({ type, resolve: () => resolve(undefined), reject });
      }),
  };
}
// ANCHOR_END: pool

/** @param {number} width @param {number} height @param {number} iterations */
function referenceChecksum(width, height, iterations) {
  const key = `${width}×${height}×${iterations}`;
  let checksum = referenceChecksums.get(key);
  if (checksum === undefined) {
    const image = new Image(width, height, iterations);
    image.renderSequential();
    checksum = image.checksum();
    image.free();
    referenceChecksums.set(key, checksum);
  }
  return checksum;
}

/** @param {unknown} cause */
function errorMessage(cause) {
  return cause instanceof Error ? cause.message : String(cause);
}
