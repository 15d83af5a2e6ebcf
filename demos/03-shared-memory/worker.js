// @ts-check
/// <reference lib="webworker" />
// Stage 3's worker. It fetches and compiles nothing: Rust posts it the module
// the page already compiled and the memory the page already runs on.
import { initSync, workerEntry } from './pkg/shared_memory.js';

/** @typedef {import('./messages').ToWorker} ToWorker */
/** @typedef {import('./messages').FromWorker} FromWorker */

/** @param {FromWorker} message */
const report = (message) => self.postMessage(message);

// ANCHOR: worker
self.addEventListener(
  'message',
  (/** @type {MessageEvent<ToWorker>} */ event) => {
    const { type, module, memory, task } = event.data;
    if (type !== 'start') return;
    try {
      // A new instance of the same module on the same memory: a new thread.
      const wasm = initSync({ module, memory });
      workerEntry(task);
      // Frees this thread's stack and thread-local storage inside the shared
      // memory. No wasm may run on this thread afterwards.
      wasm.__wbindgen_thread_destroy();
      report({ type: 'exited' });
    } catch (error) {
      report({ type: 'error', message: String(error) });
    }
  },
  { once: true },
);
// ANCHOR_END: worker
