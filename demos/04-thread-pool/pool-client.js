// @ts-check
// The page's side of the pool: it starts the owner worker and the pool
// workers, carries the owner's requests for threads to the pool workers, and
// ends them all when anything goes wrong. It shows nothing: every call
// resolves to an outcome, and the page decides what to say.
import { ask, loaded } from './answer.js';
import { PoolWorkers } from './pool-workers.js';
import { withTimeout } from '../shared/timing.js';

/** @typedef {import('./messages').ToOwner} ToOwner */
/** @typedef {import('./messages').FromOwner} FromOwner */
/** @typedef {import('./messages').Settings} Settings */
/** @typedef {Extract<FromOwner, { type: 'ready' }>} Ready */
/** @typedef {Extract<FromOwner, { type: 'rendered' | 'refused' | 'panicked' | 'failed' }>} Answer the owner's answer to a render */
/** @typedef {Extract<FromOwner, { type: 'rendered' | 'refused' | 'panicked' }> | { type: 'failed', message: string }} Outcome */

/** How long the pool workers may take to run a new pool's threads (well under a second once cached). */
const START_TIMEOUT_MS = 30_000;

/**
 * @typedef {object} Session an owner, its pool workers, and the render in flight
 * @property {Worker} owner
 * @property {PoolWorkers} workers
 * @property {Promise<Ready>} ready
 * @property {Promise<never>} ownerFailed
 * @property {((message: Answer) => void) | undefined} answer
 */

export class PoolClient {
  /** @type {Session | undefined} */
  #session;

  /** The module's constants, once the owner has loaded it; throws if it cannot. */
  async constants() {
    const session = this.#open();
    try {
      return (await loaded(session.ready)).constants;
    } catch (cause) {
      this.end();
      throw cause;
    }
  }

  /** Live pool workers: as many as the pool has threads, or 0 before the first render and after a failure. */
  get poolWorkers() {
    return this.#session?.workers.count ?? 0;
  }

  // ANCHOR: render
  /**
   * One render. A panicking task is an answer like any other: the pool
   * survives it. Anything else (a worker that traps or does not load, the
   * owner failing, a timeout) ends the owner and its pool; the next render
   * starts fresh ones.
   * @param {Settings} settings @param {number} [failingRow]
   * @param {boolean} [record] whether the pool threads record their timeline
   * @returns {Promise<Outcome>}
   */
  async render(settings, failingRow, record = true) {
    const session = this.#open();
    /** @type {ToOwner} */
    const request = { type: 'render', settings, failingRow, record };
    return ask(session, session.owner, request, [session.workers.failed, session.ownerFailed], () => this.end());
  }
  // ANCHOR_END: render

  /** Terminates the owner and every pool worker; the memory goes once nothing refers to it. */
  end() {
    this.#session?.owner.terminate();
    this.#session?.workers.end();
    this.#session = undefined;
  }

  // ANCHOR: session
  /** The current session, or a new owner with no pool workers yet. @returns {Session} */
  #open() {
    if (this.#session) return this.#session;
    const owner = new Worker(new URL('./owner.js', import.meta.url), { type: 'module', name: 'pool-owner' });
    const workers = new PoolWorkers();
    /** @type {(ready: Ready) => void} */
    let resolveReady = () => {};
    /** @type {(reason: Error) => void} */
    let fail = () => {};
    /** @type {Promise<never>} */
    const ownerFailed = new Promise((_, reject) => (fail = reject));
    /** @type {Promise<Ready>} */
    const ready = Promise.race([new Promise((resolve) => (resolveReady = resolve)), ownerFailed]);
    // Both are raced by whoever waits on the owner, if anyone does.
    for (const promise of [ownerFailed, ready]) promise.catch(() => {});
    /** @type {Session} */
    const session = { owner, workers, ready, ownerFailed, answer: undefined };
    // The one place the page handles the owner's messages.
    owner.addEventListener('message', (/** @type {MessageEvent<FromOwner>} */ { data }) => {
      if (data.type === 'ready') return resolveReady(data);
      if (data.type !== 'threads') return session.answer?.(data);
      // The owner made a new pool and waits, without blocking, for its threads to run.
      session.ready
        .then(({ module, memory }) =>
          withTimeout(
            workers.run(data.threads, module, memory),
            START_TIMEOUT_MS,
            new Error(`the pool’s workers did not start within ${START_TIMEOUT_MS / 1000} s`),
          ),
        )
        .then(() => owner.postMessage(/** @type {ToOwner} */ ({ type: 'threads-started' })))
        .catch((cause) => fail(cause));
    });
    owner.addEventListener('error', (event) => {
      event.preventDefault();
      fail(new Error(`the owner worker failed: ${event.message || 'owner.js or the module did not load'}`));
    });
    this.#session = session;
    return session;
  }
  // ANCHOR_END: session
}
