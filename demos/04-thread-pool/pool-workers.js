// @ts-check
// The pool's workers, owned by the page: it creates them, listens to them and
// ends them. Each runs one of the pool's threads at a time.

/** @typedef {import('./messages').ToPoolWorker} ToPoolWorker */
/** @typedef {import('./messages').FromPoolWorker} FromPoolWorker */

/**
 * @typedef {object} PoolWorker
 * @property {Worker} worker
 * @property {(type: 'started' | 'stopped') => Promise<void>} next resolves on the worker's next message of that type
 */

export class PoolWorkers {
  /** @type {PoolWorker[]} */
  #workers = [];
  /** @type {(reason: Error) => void} */
  #fail = () => {};
  /** Rejects, with the worker's name and why, as soon as any worker fails; never resolves. */
  failed = /** @type {Promise<never>} */ (new Promise((_, reject) => (this.#fail = reject)));

  constructor() {
    this.failed.catch(() => {}); // raced by whoever waits on a worker
  }

  get count() {
    return this.#workers.length;
  }

  /**
   * Runs thread k on worker k: ends the workers beyond `threads.length` (each
   * first frees its stack), starts the ones missing, and resolves once every
   * thread runs.
   * @param {number[]} threads addresses from the owner's `Pool.takeThreads`
   * @param {WebAssembly.Module} module @param {WebAssembly.Memory} memory
   */
  async run(threads, module, memory) {
    for (const extra of this.#workers.splice(threads.length)) {
      // Queued behind the old pool's thread, which returns once that pool is dropped.
      await this.#ask(extra, { type: 'stop' }, 'stopped');
      extra.worker.terminate();
    }
    while (this.#workers.length < threads.length) this.#workers.push(this.#spawn(this.#workers.length));
    await Promise.all(this.#workers.map((each, k) => this.#ask(each, { type: 'start', module, memory, thread: threads[k] }, 'started')));
  }

  /** Terminates every worker, whatever it is doing. */
  end() {
    for (const { worker } of this.#workers) worker.terminate();
    this.#workers = [];
  }

  /** @param {PoolWorker} each @param {ToPoolWorker} message @param {'started' | 'stopped'} answer */
  #ask(each, message, answer) {
    const answered = each.next(answer);
    each.worker.postMessage(message);
    return Promise.race([answered, this.failed]);
  }

  /**
   * A new pool worker, and the one place its messages are handled.
   * @param {number} index
   * @returns {PoolWorker}
   */
  #spawn(index) {
    // `new URL` written inside `new Worker`, the one form in which a bundler
    // (templates/vite) sees a worker and bundles it with its imports.
    const worker = new Worker(new URL('./pool-worker.js', import.meta.url), { type: 'module', name: `pool-${index}` });
    /** @type {{ type: string, resolve: () => void }[]} */
    let waiting = [];
    worker.addEventListener('message', (/** @type {MessageEvent<FromPoolWorker>} */ { data }) => {
      if (data.type === 'failed') return this.#fail(new Error(`pool-${index}: ${data.message}`));
      for (const waiter of waiting.filter((w) => w.type === data.type)) waiter.resolve();
      waiting = waiting.filter((w) => w.type !== data.type);
    });
    // pool-worker.js did not load, or threw before its listener ran.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#fail(new Error(`pool-${index} could not start: ${event.message || 'its script did not load'}`));
    });
    return {
      worker,
      next: (type) => new Promise((resolve) => waiting.push({ type, resolve: () => resolve(undefined) })),
    };
  }
}
