// @ts-check
/// <reference lib="webworker" />
// The fallback, for pages that cannot have threads: one module worker, as in
// stage 2, with the crate's second build (pkg-single/, no atomics, no pool of
// ours). It renders the same rows with the same Rayon code, all of them on
// this thread, and the page stays responsive meanwhile.
import init, { Image, constants, lastPanic, parseChoice, parseSetting } from './pkg-single/thread_pool.js';
import { plainRenders, readRender } from './render-steps.js';
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
/** Read once the module is instantiated; a render waits for that too. */
const CONSTANTS = /** @type {import('./messages').Constants} */ (constants());
reply({ type: 'ready', constants: CONSTANTS });

// ANCHOR: render
/**
 * @param {ToFallback} request its threads setting is not read: there is one thread, and no timeline
 * @param {WebAssembly.Memory} memory the module's own, not shared
 */
function render(request, memory) {
  const settings = readRender({ parseSetting, parseChoice, constants: CONSTANTS }, ['width', 'height', 'iterations', 'min-len'], request.settings);
  if (settings.refused) return reply({ type: 'refused', errors: settings.errors });
  const { width, height, iterations, view, split, minLen } = settings;
  const { checksum: plainChecksum, ms: plainMs } = plainRender(width, height, iterations, view);
  const image = new Image(width, height, iterations, view);
  const start = performance.now();
  try {
    image.renderHere(split, minLen, request.failingRow); // blocks this worker, not the page
  } catch (cause) {
    // The crate aborts on panic: this instance is finished, and the page ends this worker.
    throw new Error(lastPanic() ?? errorMessage(cause));
  }
  const ms = performance.now() - start;
  const pixels = /** @type {ArrayBuffer} */ (image.pixels().buffer);
  const checksum = image.checksum();
  image.free();
  const memoryBytes = memory.buffer.byteLength;
  reply({ type: 'rendered', threads: 1, width, height, iterations, split, view, minLen, ms, checksum, plainChecksum, plainMs, pixels, memoryBytes }, [pixels]);
}
// ANCHOR_END: render
