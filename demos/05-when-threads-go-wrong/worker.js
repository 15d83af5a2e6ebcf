// @ts-check
/// <reference lib="webworker" />
// Stage 5's worker: one thread of whichever build the page names. It does
// one thing per message and answers each with how it ended: what a call
// returned, or exactly what it threw.

/** @typedef {import('./messages').ToWorker} ToWorker */
/** @typedef {import('./messages').FromWorker} FromWorker */
/** @typedef {typeof import('./pkg/when_threads_go_wrong.js')} Glue */

/** Each build's glue; the page says which one this thread runs. */
const GLUE = {
  abort: './pkg/when_threads_go_wrong.js',
  unwind: './pkg-unwind/when_threads_go_wrong.js',
};

/** @type {Glue | undefined} */
let glue;
/** @type {import('./pkg/when_threads_go_wrong.js').InitOutput | undefined} */
let wasm;

/** @param {FromWorker} message */
const answer = (message) => self.postMessage(message);

/** @param {unknown} error @returns {FromWorker} */
const threw = (error) =>
  error instanceof Error ? { type: 'threw', name: error.name, message: error.message } : { type: 'threw', name: typeof error, message: String(error) };

self.addEventListener('message', async (/** @type {MessageEvent<ToWorker>} */ { data }) => {
  try {
    answer(await handle(data));
  } catch (error) {
    answer(threw(error));
  }
});

/** @param {ToWorker} message @returns {Promise<FromWorker>} */
async function handle(message) {
  switch (message.type) {
    case 'start': {
      glue = /** @type {Glue} */ (await import(GLUE[message.build]));
      // Without a memory, the glue makes a new shared one: this is then the
      // first thread on it, and the page posts it to the next.
      wasm = glue.initSync({ module: message.module, memory: message.memory });
      return { type: 'started', memory: /** @type {WebAssembly.Memory} */ (glue.sharedMemory()), strategy: glue.panicStrategy() };
    }
    case 'call': {
      const call = /** @type {(...args: (number | boolean)[]) => unknown} */ (loaded()[message.name]);
      return { type: 'returned', value: call(...message.args) };
    }
    case 'stop':
      // After this, no wasm may run on this thread.
      wasm?.__wbindgen_thread_destroy();
      return { type: 'stopped' };
    case 'inspect': {
      const { value } = message;
      const buffer = value instanceof WebAssembly.Memory ? value.buffer : undefined;
      return { type: 'returned', value: buffer ? `a WebAssembly.Memory on a ${buffer.constructor.name}` : String(value) };
    }
    case 'spawn-and-block':
      return { type: 'returned', value: await spawnAndBlock(message.ms) };
  }
}

/** The glue, once `start` has loaded it. */
function loaded() {
  if (!glue) throw new Error('this worker was asked to call Rust before it started');
  return glue;
}

// ANCHOR: spawn-and-block
/**
 * Starts a worker and blocks this thread until it says it has started, as a
 * thread that spawns and then joins would. Atomics.wait does not return to
 * the event loop, so gives up after `ms`, and then waits without blocking.
 * @param {number} ms
 * @returns {Promise<import('./messages').Blocked>}
 */
async function spawnAndBlock(ms) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const child = new Worker(new URL('./child.js', import.meta.url), { type: 'module', name: 'spawned' });
  child.postMessage(flag);
  const start = performance.now();
  const waited = Atomics.wait(flag, 0, 0, ms);
  const blockedMs = Math.round(performance.now() - start);
  // Back in the event loop: now the new worker can start.
  const later = Atomics.waitAsync(flag, 0, 0, ms);
  const startedAfterwards = waited === 'ok' || (await later.value) !== 'timed-out';
  child.terminate();
  return { waited, blockedMs, startedAfterwards };
}
// ANCHOR_END: spawn-and-block
