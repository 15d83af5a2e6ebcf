// @ts-check
/// <reference lib="webworker" />
// One thread of the pool: stage 3's worker, except that its task is a Rayon
// thread, which keeps taking work until the pool is dropped, and that it then
// waits for the next pool's thread (or to be stopped) instead of ending.
import { initSync, runPoolThread } from './pkg/thread_pool.js';

/** @typedef {import('./messages').ToPoolWorker} ToPoolWorker */
/** @typedef {import('./messages').FromPoolWorker} FromPoolWorker */

/** This worker's instance of the module, once it has one. */
/** @type {import('./pkg/thread_pool.js').InitOutput | undefined} */
let wasm;

/** @param {FromPoolWorker} message */
const report = (message) => self.postMessage(message);

// ANCHOR: worker
self.addEventListener('message', (/** @type {MessageEvent<ToPoolWorker>} */ { data }) => {
  if (data.type === 'stop') {
    // Frees this thread's stack and thread-local storage in the shared
    // memory; after this, the worker must not run wasm again.
    wasm?.__wbindgen_thread_destroy();
    report({ type: 'stopped' });
    return;
  }
  const { module, memory, thread } = data;
  try {
    // The first thread instantiates the module on the memory; a later pool's
    // thread reuses that instance: this worker stays one wasm thread.
    wasm ??= initSync({ module, memory });
  } catch (error) {
    report({ type: 'failed', message: String(error) });
    return;
  }
  // The page waits for this from every worker before the owner may block on the pool.
  report({ type: 'started' });
  try {
    runPoolThread(thread); // returns when the pool is dropped
  } catch (error) {
    // A trap (out of memory, say), not a panic: Rayon catches a task's panic
    // and hands it to whoever asked for the work. This thread is gone.
    report({ type: 'failed', message: String(error) });
  }
});
// ANCHOR_END: worker
