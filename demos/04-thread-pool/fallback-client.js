// @ts-check
// The page's side of the fallback: one module worker (fallback-worker.js) with
// the build without atomics, for pages that cannot have threads. The same
// calls and outcomes as PoolClient, so the page renders through either alike.
import { ask, loaded } from './answer.js';

/** @typedef {import('./messages').ToFallback} ToFallback */
/** @typedef {import('./messages').FromFallback} FromFallback */
/** @typedef {import('./messages').Settings} Settings */
/** @typedef {import('./pool-client.js').Outcome} Outcome */


/**
 * @typedef {object} Session the worker and the render in flight
 * @property {Worker} worker
 * @property {Promise<import('./messages').Constants>} ready
 * @property {Promise<never>} failed
 * @property {((message: Outcome) => void) | undefined} answer
 */

export class FallbackClient {
  /** @type {Session | undefined} */
  #session;

  /** The module's constants, once the worker has loaded it; throws if it cannot. */
  async constants() {
    try {
      return await loaded(this.#open().ready);
    } catch (cause) {
      this.end();
      throw cause;
    }
  }

  /** No pool, so no pool workers. */
  get poolWorkers() {
    return 0;
  }

  /**
   * One render, on the worker's one thread. A failure (a panic, the worker
   * failing, a timeout) ends the worker; the next render starts a fresh one.
   * @param {Settings} settings @param {number} [failingRow]
   * @param {boolean} [record] as PoolClient takes it; one thread and no pool, so no timeline
   * @returns {Promise<Outcome>}
   */
  async render(settings, failingRow, record = true) {
    const session = this.#open();
    /** @type {ToFallback} */
    const request = { type: 'render', settings, failingRow, record };
    return ask(session, session.worker, request, [session.failed], () => this.end());
  }

  end() {
    this.#session?.worker.terminate();
    this.#session = undefined;
  }

  /** The current session, or a new worker. @returns {Session} */
  #open() {
    if (this.#session) return this.#session;
    const worker = new Worker(new URL('./fallback-worker.js', import.meta.url), { type: 'module', name: 'fallback' });
    /** @type {(constants: import('./messages').Constants) => void} */
    let resolveReady = () => {};
    /** @type {(reason: Error) => void} */
    let fail = () => {};
    const failed = /** @type {Promise<never>} */ (new Promise((_, reject) => (fail = reject)));
    failed.catch(() => {}); // raced by whoever waits on the worker
    /** @type {Session} */
    const session = {
      worker,
      ready: Promise.race([new Promise((resolve) => (resolveReady = resolve)), failed]),
      failed,
      answer: undefined,
    };
    session.ready.catch(() => {});
    worker.addEventListener('message', (/** @type {MessageEvent<FromFallback>} */ { data }) => {
      if (data.type === 'ready') resolveReady(data.constants);
      else session.answer?.(data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      fail(new Error(`the fallback worker failed: ${event.message || 'fallback-worker.js or the module did not load'}`));
    });
    this.#session = session;
    return session;
  }
}
