// @ts-check
/// <reference lib="webworker" />
// Stage 2's worker: a module worker, so it can `import` the wasm-bindgen glue
// exactly as the page did in stage 1.
import init, { greet, threadName } from './pkg/single_worker.js';

/** @typedef {import('./messages').ToWorker} ToWorker */
/** @typedef {import('./messages').FromWorker} FromWorker */

/** @type {Promise<unknown> | undefined} */
let ready;

/** @param {FromWorker} message */
const reply = (message) => self.postMessage(message);

// ANCHOR: listen
// Listening from the first line on: a `greet` that arrives while the module is
// still loading waits for `ready` instead of being lost.
self.addEventListener('message', async (/** @type {MessageEvent<ToWorker>} */ event) => {
  const message = event.data;
  try {
    switch (message.type) {
      case 'init':
        ready = init(message.wasmUrl ? { module_or_path: message.wasmUrl } : undefined);
        await ready;
        reply({ type: 'ready', thread: threadName() });
        break;
      case 'greet':
        if (!ready) throw new Error('greet arrived before init');
        await ready;
        reply({ type: 'greeting', id: message.id, text: greet(message.name) });
        break;
    }
  } catch (error) {
    reply({ type: 'error', message: String(error) });
  }
});
// ANCHOR_END: listen
