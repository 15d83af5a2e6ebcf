// @ts-check
/// <reference lib="webworker" />
// Stage 3's worker. It fetches and compiles nothing: the page posts it the
// module it already compiled and the memory it already runs on.
import { initSync, workerEntry, workerFailed } from './pkg/shared_memory.js';

/** @typedef {import('./messages').ToWorker} ToWorker */
/** @typedef {import('./messages').FromWorker} FromWorker */

/** This worker's one last word to the page. @param {FromWorker} message */
const report = (message) => self.postMessage(message);

// ANCHOR: share-worker
self.addEventListener(
  'message',
  (/** @type {MessageEvent<ToWorker>} */ { data }) => {
    if (data?.type !== 'start') {
      report({ type: 'failed', message: `its first message was ${JSON.stringify(data?.type)}, not "start"` });
      return;
    }
    const { module, memory, task } = data;
    let wasm;
    try {
      // A new instance of the same module on the same memory: a new thread.
      wasm = initSync({ module, memory });
    } catch (error) {
      report({ type: 'failed', message: String(error) });
      return;
    }
    // ANCHOR: robust-trap
    try {
      workerEntry(task);
    } catch (error) {
      // A panic aborts: Rust drops nothing on this thread's stack. The
      // instance still runs exports, so Rust records why and frees the task.
      workerFailed(task, String(error));
    }
    // Frees this thread's stack and thread-local storage inside the shared
    // memory, after a panic too. No wasm may run on this thread afterwards.
    wasm.__wbindgen_thread_destroy();
    report({ type: 'exited' });
    // ANCHOR_END: robust-trap
  },
  { once: true },
);
// ANCHOR_END: share-worker
