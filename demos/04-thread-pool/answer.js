// @ts-check
// How both clients (pool-client.js, fallback-client.js) wait for a render's
// answer: the first of the answer and a worker's failure, within a limit.
import { withTimeout } from '../shared/timing.js';

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
