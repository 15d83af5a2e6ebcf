// @ts-check
// How both clients (pool-client.js, fallback-client.js) ask their worker for
// a render and wait for its answer: the first of the answer and a worker's
// failure, within a limit.
import { errorMessage } from '../shared/errors.js';
import { withTimeout } from '../shared/timing.js';

/** How long a worker may take to load the module. */
const READY_TIMEOUT_MS = 30_000;

/**
 * `ready`, or a rejection once the worker has taken too long to load the module.
 * @template T @param {Promise<T>} ready @returns {Promise<T>}
 */
export const loaded = (ready) => withTimeout(ready, READY_TIMEOUT_MS, new Error('the module did not load in time'));

/** A render taking longer is stopped and reported, never left hanging (the largest, slowest settings take well under this). */
const RENDER_TIMEOUT_MS = 120_000;

/**
 * The answer; throws on a worker's failure, a `failed` answer, or the time limit.
 * @template {{ type: string, message?: string }} A
 * @param {Promise<A>} answer @param {Promise<never>[]} failures
 * @returns {Promise<A>}
 */
export async function awaitAnswer(answer, failures) {
  const outcome = await withTimeout(
    Promise.race([answer, ...failures]),
    RENDER_TIMEOUT_MS,
    new Error(`the render took longer than ${RENDER_TIMEOUT_MS / 1000} s`),
  );
  if (outcome.type === 'failed') throw new Error(outcome.message);
  return outcome;
}

/**
 * Posts `request` to `worker` once the module has loaded, and resolves to its
 * answer. Anything else (the module not loading in time, a failure, the time
 * limit) calls `end`, which ends the worker(s), and resolves to a `failed`
 * outcome: the next render starts afresh.
 * @template {{ type: string, message?: string }} A
 * @param {{ ready: Promise<unknown>, answer: ((message: A) => void) | undefined }} session where the worker's listener hands the answer over
 * @param {Worker} worker @param {unknown} request @param {Promise<never>[]} failures @param {() => void} end
 * @returns {Promise<A | { type: 'failed', message: string }>}
 */
export async function ask(session, worker, request, failures, end) {
  try {
    await loaded(session.ready);
    /** @type {Promise<A>} */
    const answer = new Promise((resolve) => (session.answer = resolve));
    worker.postMessage(request);
    return await awaitAnswer(answer, failures);
  } catch (cause) {
    end();
    return { type: 'failed', message: errorMessage(cause) };
  } finally {
    session.answer = undefined;
  }
}
