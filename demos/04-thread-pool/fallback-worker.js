// @ts-check
/// <reference lib="webworker" />
// The fallback, for pages that cannot have threads: one module worker, as in
// stage 2, with the crate's second build (pkg-single/, no atomics, no pool of
// ours). It renders the same rows with the same Rayon code, all of them on
// this thread, and the page stays responsive meanwhile.
import init, { Image, constants, lastPanic, parseSetting } from './pkg-single/thread_pool.js';
import { plainRenders, readSettings } from './render-steps.js';
import { errorMessage } from '../shared/errors.js';

/** @typedef {import('./messages').ToFallback} ToFallback */
/** @typedef {import('./messages').FromFallback} FromFallback */
/** @typedef {import('./messages').SettingName} SettingName */

/** @param {FromFallback} message @param {Transferable[]} [transfer] */
const reply = (message, transfer = []) => self.postMessage(message, transfer);
const ready = init();
const plainRender = plainRenders(Image);

// Registered before the first await, so that no message from the page is missed.
self.addEventListener('message', (/** @type {MessageEvent<ToFallback>} */ { data }) => {
  ready.then(({ memory }) => render(data, memory)).catch((cause) => reply({ type: 'failed', message: errorMessage(cause) }));
});

await ready;
reply({ type: 'ready', constants: /** @type {import('./messages').Constants} */ (constants()) });

// ANCHOR: render
/**
 * @param {ToFallback} request its threads setting is not read: there is one thread
 * @param {WebAssembly.Memory} memory the module's own, not shared
 */
function render(request, memory) {
  const { values, errors } = readSettings(parseSetting, ['width', 'height', 'iterations'], request.settings);
  if (Object.keys(errors).length > 0) return reply({ type: 'refused', errors });
  const { width = 1, height = 1, iterations = 1 } = values;
  const { checksum: plainChecksum, ms: plainMs } = plainRender(width, height, iterations);
  const image = new Image(width, height, iterations);
  const start = performance.now();
  try {
    image.renderHere(request.failingRow); // blocks this worker, not the page
  } catch (cause) {
    // The crate aborts on panic: this instance is finished, and the page ends this worker.
    throw new Error(lastPanic() ?? errorMessage(cause));
  }
  const ms = performance.now() - start;
  const pixels = /** @type {ArrayBuffer} */ (image.pixels().buffer);
  const checksum = image.checksum();
  image.free();
  const memoryBytes = memory.buffer.byteLength;
  reply({ type: 'rendered', threads: 1, width, height, iterations, ms, checksum, plainChecksum, plainMs, pixels, memoryBytes }, [pixels]);
}
// ANCHOR_END: render
