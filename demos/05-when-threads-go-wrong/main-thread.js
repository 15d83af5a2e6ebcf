// @ts-check
// Reproduction: the page's main thread waits, on a Rust Mutex that a worker
// holds, and with Atomics.wait from JavaScript.
import { lockIsHeld, sharedMemory, takeLock } from './pkg/when_threads_go_wrong.js';
import { didNotStart } from './result.js';
import { START_MS, WAIT_MS, said, withThreads } from './threads.js';

/** @typedef {import('./result.js').Result} Result */

/** How long the worker keeps the lock: as long as a page that waits would freeze. */
const HOLD_MS = 500;

/** @type {Result['fix']} */
const WAY_OUT = {
  text: 'Never block the main thread: run the code that locks in a worker and post the result back. Rayon’s web_spin_lock feature instead makes its locks spin on the main thread, which works but burns a core for as long as the worker holds the lock. Waiting the right way is shown in',
  stage: '04-thread-pool',
};

// ANCHOR: lock-run
/**
 * A worker on the page's own memory takes a Mutex and holds it; meanwhile
 * the page calls into Rust for the same Mutex.
 * @param {WebAssembly.Module} module the abort build, which the page runs on
 * @returns {Promise<Result>}
 */
export function lockOnMainThread(module) {
  return withThreads(async (spawn) => {
    const holder = spawn('lock-holder');
    const started = await holder.ask({ type: 'start', build: 'abort', module, memory: /** @type {WebAssembly.Memory} */ (sharedMemory()) }, START_MS);
    if (started.type !== 'started') return didNotStart(started);
    const held = holder.ask({ type: 'call', name: 'holdLock', args: [HOLD_MS] }, START_MS + HOLD_MS);
    // Taking the lock is the worker's first step after its start: as long a limit.
    if (!(await until(lockIsHeld, START_MS))) return didNotStart({ type: 'no-answer', ms: START_MS });
    const start = performance.now();
    let outcome;
    try {
      takeLock();
      outcome = 'returned';
    } catch (error) {
      outcome = `threw ${/** @type {Error} */ (error).name}: ${/** @type {Error} */ (error).message}`;
    }
    const blockedMs = Math.round(performance.now() - start);
    const stillHeld = lockIsHeld();
    const lines = [`takeLock() on the main thread ${outcome} after ${blockedMs} ms`, `worker: holdLock(${HOLD_MS}) ${said(await held)}`];
    // Gives this thread's stack back to the page's memory before it is terminated.
    await holder.ask({ type: 'stop' }, WAIT_MS);
    if (outcome !== 'returned') return trapped(lines);
    return stillHeld ? unexpected(lines) : blocked(lines, blockedMs);
  });
}
// ANCHOR_END: lock-run

/** Atomics.wait on the main thread: the same sleep, asked for from JavaScript. @returns {Result} */
export function atomicsWaitOnMainThread() {
  const view = new Int32Array(new SharedArrayBuffer(4));
  let outcome;
  try {
    // Nobody will notify: if the wait is allowed it can only time out.
    outcome = `returned "${Atomics.wait(view, 0, 0, 50)}"`;
  } catch (error) {
    outcome = `threw ${/** @type {Error} */ (error).name}: ${/** @type {Error} */ (error).message}`;
  }
  const refused = outcome.startsWith('threw');
  return {
    state: refused ? 'refused' : 'slept',
    headline: refused ? 'The browser refused to let the main thread wait.' : 'The main thread slept until the wait timed out.',
    said: [`Atomics.wait(view, 0, 0, 50) on the main thread ${outcome}`],
    why: refused
      ? 'Browsers do not let the main thread block: it draws the page and answers every click. Atomics.wait checks that first and throws. In a worker the same call would have slept for 50 ms.'
      : 'This engine let the page’s main thread block: for those 50 ms the page could not draw or answer a click.',
    fix: { text: 'On the main thread use Atomics.waitAsync, which returns a promise instead of blocking, as', stage: '03-shared-memory' },
  };
}

/**
 * Whether `check` became true within `ms`, looking every 10 ms (a timer, not
 * a frame: frames stop while the tab is hidden).
 * @param {() => boolean} check @param {number} ms
 */
async function until(check, ms) {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** @param {string[]} said @returns {Result} */
const trapped = (said) => ({
  state: 'trapped',
  headline: 'The lock was contended, and the main thread’s wait trapped.',
  said,
  why: 'std’s Mutex sleeps with the wasm instruction memory.atomic.wait32 when another thread holds it. This engine does not allow that on the main thread and traps: the call into Rust fails, not just the wait.',
  fix: WAY_OUT,
});

/** @param {string[]} said @param {number} ms @returns {Result} */
const blocked = (said, ms) => ({
  state: 'blocked',
  headline: `The main thread slept until the worker let go: the page was frozen for about ${ms} ms.`,
  said,
  why: 'std’s Mutex sleeps with the wasm instruction memory.atomic.wait32 when another thread holds it. This engine lets the main thread sleep there, so nothing on the page moved until the worker unlocked.',
  fix: WAY_OUT,
});

/** @param {string[]} said @returns {Result} */
const unexpected = (said) => ({
  state: 'unexpected',
  headline: 'The main thread got the lock while the worker still held it.',
  said,
  why: 'That should not be possible; the lines above are what happened.',
  fix: WAY_OUT,
});
