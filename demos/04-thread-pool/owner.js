// @ts-check
/// <reference lib="webworker" />
// The owner: it instantiates the module (which creates the shared memory),
// holds the pool, and is the thread that blocks while the pool renders, so
// that the page's main thread never does. It starts no worker: it asks the
// page to run the pool's threads.
import init, { Image, Pool, compiledModule, constants, parseChoice, parseSetting, sharedMemory } from './pkg/thread_pool.js';
import { plainRenders, readRender } from './render-steps.js';
import { errorMessage } from '../shared/errors.js';

/** @typedef {import('./messages').ToOwner} ToOwner */
/** @typedef {import('./messages').FromOwner} FromOwner */
/** @typedef {import('./messages').SettingName} SettingName */

/** The pool, kept for every render until the thread count changes. */
/** @type {Pool | undefined} */
let current;
/** Resolves when the page says the threads it was given all run. */
/** @type {(() => void) | undefined} */
let threadsStarted;
/** The plain loop's checksum (what every thread count must match) and time, by size. */
const plainRender = plainRenders(Image);

/** @param {FromOwner} message @param {Transferable[]} [transfer] */
const reply = (message, transfer = []) => self.postMessage(message, transfer);

// Registered before the first await, so that no message from the page is missed.
self.addEventListener('message', (/** @type {MessageEvent<ToOwner>} */ { data }) => {
  if (data.type === 'threads-started') {
    threadsStarted?.();
  } else {
    render(data).catch((cause) => reply({ type: 'failed', message: errorMessage(cause) }));
  }
});

await init();
const CONSTANTS = /** @type {import('./messages').Constants} */ (constants());
/** Every number's name, as Rust lists them. */
const SETTINGS = /** @type {SettingName[]} */ (Object.keys(CONSTANTS.settings));
reply({
  type: 'ready',
  constants: CONSTANTS,
  module: /** @type {WebAssembly.Module} */ (compiledModule()),
  memory: /** @type {WebAssembly.Memory} */ (sharedMemory()),
});

// ANCHOR: render
/** @param {Extract<ToOwner, { type: 'render' }>} request */
async function render(request) {
  // Every number and switch is checked by Rust before anything starts.
  const settings = readRender({ parseSetting, parseChoice, constants: CONSTANTS }, SETTINGS, request.settings);
  if (settings.refused) return reply({ type: 'refused', errors: settings.errors });
  const { threads, width, height, iterations, view, split, minLen } = settings;

  const plain = plainRender(width, height, iterations, view);
  // Never block before every thread runs: the page starts them, and it must
  // hear from us first.
  const { pool, made } = await poolOf(threads);
  const image = new Image(width, height, iterations, view);
  try {
    const start = performance.now();
    try {
      image.renderOn(pool, split, minLen, request.record, request.failingRow); // blocks this worker, not the page
    } catch (error) {
      // A task panicked: Rayon carried the panic out of `install`, and
      // wasm-bindgen threw it here as a PanicError. Every thread still runs.
      if (error instanceof Error && error.name === 'PanicError') return reply({ type: 'panicked', message: error.message, threads });
      throw error; // a trap: this instance is finished, and the page ends it
    }
    const ms = performance.now() - start;
    // A copy in an ordinary ArrayBuffer (see Image::pixels), so it can be transferred.
    const pixels = /** @type {ArrayBuffer} */ (image.pixels().buffer);
    const memoryBytes = /** @type {WebAssembly.Memory} */ (sharedMemory()).buffer.byteLength;
    const { checksum: plainChecksum, ms: plainMs } = plain;
    // Read after the render: every thread wrote its own lane, and install has returned.
    const recorded = /** @type {Omit<import('./messages').PoolTimeline, 'newPool'>} */ (pool.timeline());
    const timeline = request.record ? { ...recorded, newPool: made } : undefined;
    const answer = { threads, width, height, iterations, split, view, minLen, ms, checksum: image.checksum(), plainChecksum, plainMs };
    reply({ type: 'rendered', ...answer, pixels, memoryBytes, timeline }, [pixels]);
  } finally {
    image.free();
  }
}
// ANCHOR_END: render

// ANCHOR: pool
/**
 * The pool with `threads` threads, all of them running, and whether it was
 * made just now. A new thread count drops the old pool (its threads return
 * once they have no work left) and asks the page to run the new pool's
 * threads on its workers.
 * @param {number} threads
 */
async function poolOf(threads) {
  if (current?.threadCount === threads) return { pool: current, made: false };
  current?.free();
  current = undefined;
  const pool = new Pool(threads);
  const started = new Promise((resolve) => (threadsStarted = () => resolve(undefined)));
  reply({ type: 'threads', threads: [...pool.takeThreads()] });
  await started;
  current = pool;
  return { pool, made: true };
}
// ANCHOR_END: pool
