// @ts-check
// Reproduction: a worker starts a worker, then blocks until it has started.
import { didNotStart } from './result.js';
import { WAIT_MS, withThreads } from './threads.js';

/** @typedef {import('./result.js').Result} Result */
/** @typedef {import('./messages').Blocked} Blocked */

/** How long the blocked worker waits before it gives up: the watchdog. */
export const BLOCK_MS = 2000;

/** @returns {Promise<Result>} */
export function spawnThenBlock() {
  return withThreads(async (spawn) => {
    const answer = await spawn('blocker').ask({ type: 'spawn-and-block', ms: BLOCK_MS }, 2 * BLOCK_MS + WAIT_MS);
    if (answer.type !== 'returned') return didNotStart(answer);
    const { waited, blockedMs, startedAfterwards } = /** @type {Blocked} */ (answer.value);
    const said = [
      `new Worker(…), then Atomics.wait(flag, 0, 0, ${BLOCK_MS}) returned "${waited}" after ${blockedMs} ms`,
      waited === 'ok' ? 'the new worker started while its parent was blocked' : `the new worker ${startedAfterwards ? 'started once its parent was back in its event loop' : 'never started'}`,
    ];
    /** @type {Result['fix']} */
    const fix = { text: 'Start the workers, return to the event loop, and block only once every one has said it started: the handshake of', stage: '04-thread-pool' };
    if (waited === 'ok') {
      return {
        state: 'started-while-blocked',
        headline: 'In this browser the new worker started even though its parent was blocked.',
        said,
        why: 'This engine starts a nested worker without its parent’s event loop. Others do not, so code that relies on it deadlocks there.',
        fix,
      };
    }
    return {
      state: startedAfterwards ? 'deadlocked' : 'never-started',
      headline: `Deadlock: the new worker could not start while its parent was blocked. The wait gave up after ${BLOCK_MS / 1000} s.`,
      said,
      why: 'A new worker starts only after the thread that created it returns to its event loop. A thread that creates a worker and then blocks until it runs waits for something its own blocking prevents; a join without a timeout would wait for ever.',
      fix,
    };
  });
}
