// @ts-check
// Reproduction: workers terminated with and without __wbindgen_thread_destroy,
// one after another on one memory, and that memory's size after each.
import { didNotStart } from './result.js';
import { START_MS, WAIT_MS, withThreads } from './threads.js';

/** @typedef {import('./result.js').Result} Result */

/** Workers started and ended, one at a time, in each of the two runs. */
export const ROUNDS = 6;

const MIB = 1024 * 1024;

// ANCHOR: leak-run
/**
 * On a new shared memory, starts ROUNDS workers one after another and ends
 * each before the next: after `__wbindgen_thread_destroy`, or without it.
 * @param {WebAssembly.Module} module @param {boolean} destroy
 * @returns {Promise<number[] | Result>} the memory's size before the first worker and after each
 */
function startAndEnd(module, destroy) {
  return withThreads(async (spawn) => {
    // The first thread makes the memory and stays for the whole run.
    const first = await spawn('keeper').ask({ type: 'start', build: 'abort', module }, START_MS);
    if (first.type !== 'started') return didNotStart(first);
    const sizes = [first.memory.buffer.byteLength];
    for (let round = 0; round < ROUNDS; round++) {
      const thread = spawn(`thread-${round}`);
      const started = await thread.ask({ type: 'start', build: 'abort', module, memory: first.memory }, START_MS);
      if (started.type !== 'started') return didNotStart(started);
      if (destroy) await thread.ask({ type: 'stop' }, WAIT_MS);
      thread.end();
      // A fresh look each time: growing the memory replaces its buffer.
      sizes.push(first.memory.buffer.byteLength);
    }
    return sizes;
  });
}
// ANCHOR_END: leak-run

/** Both runs, each on a memory of its own that is dropped with its workers. @param {WebAssembly.Module} module @returns {Promise<Result>} */
export async function leakedThreads(module) {
  const leaked = await startAndEnd(module, false);
  if (!Array.isArray(leaked)) return leaked;
  const freed = await startAndEnd(module, true);
  if (!Array.isArray(freed)) return freed;
  const mib = (/** @type {number[]} */ sizes) => sizes.map((size) => (size / MIB).toFixed(2)).join(', ');
  // From the first worker on: the first one's stack may grow the memory once in both runs.
  const growth = (/** @type {number[]} */ sizes) => (sizes[ROUNDS] - sizes[1]) / MIB;
  const climbs = growth(leaked) > 0 && growth(freed) === 0;
  return {
    state: climbs ? 'climbs-vs-flat' : 'unexpected',
    headline: climbs
      ? `Without it the memory grew by ${growth(leaked).toFixed(2)} MiB over ${ROUNDS - 1} more workers; with it, it stayed flat.`
      : 'The two runs did not differ as expected.',
    said: [`terminate() only, memory in MiB: ${mib(leaked)}`, `__wbindgen_thread_destroy() first, memory in MiB: ${mib(freed)}`],
    why:
      'Each new thread allocates its stack and thread-local storage inside the shared memory. terminate() stops the worker but cannot free what it allocated there; __wbindgen_thread_destroy, called on that thread before it ends, gives it back, and the next thread reuses the space.',
    fix: { text: 'Have each worker call __wbindgen_thread_destroy() before it is terminated, as', stage: '03-shared-memory' },
  };
}
