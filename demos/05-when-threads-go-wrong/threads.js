// @ts-check
// The page's workers. A reproduction owns the ones it starts: it creates
// them through `withThreads`, which ends every one of them when the
// reproduction is over, however it went.

/** @typedef {import('./messages').ToWorker} ToWorker */
/** @typedef {import('./messages').FromWorker} FromWorker */
/** @typedef {FromWorker | { type: 'no-answer', ms: number }} Answer */

/** How long the page waits for an answer before it calls the thread stuck. */
export const WAIT_MS = 3000;
/** Starting a worker fetches and instantiates: allow a slow device time. */
export const START_MS = 15_000;

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** How many of this page's workers exist right now: tests read it between runs. */
export const live = { workers: 0 };

// ANCHOR: thread
export class Thread {
  #worker;
  /** Who waits for the worker's next answer, oldest first: each message gets one. @type {((answer: Answer) => void)[]} */
  #waiting = [];
  #ended = false;

  /** @param {string} name */
  constructor(name) {
    this.#worker = new Worker(WORKER_URL, { type: 'module', name });
    live.workers++;
    this.#worker.addEventListener('message', (/** @type {MessageEvent<FromWorker>} */ { data }) => this.#waiting.shift()?.(data));
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault(); // shown on the page instead
      this.#waiting.shift()?.({ type: 'threw', name: 'Error', message: event.message || 'worker.js did not load' });
    });
  }

  /**
   * Posts `message` and resolves with the answer, or with `no-answer` once
   * `ms` have passed: a thread that does not answer is stuck, and only
   * `end()` stops it. A message that cannot be posted resolves as `threw`.
   * @param {ToWorker} message @param {number} ms
   * @returns {Promise<Answer>}
   */
  ask(message, ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ type: 'no-answer', ms }), ms);
      try {
        this.#worker.postMessage(message);
      } catch (error) {
        clearTimeout(timer);
        const { name, message: text } = /** @type {Error} */ (error);
        resolve({ type: 'threw', name, message: text });
        return;
      }
      this.#waiting.push((answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
  }

  /** Stops the worker wherever it is. */
  end() {
    if (this.#ended) return;
    this.#ended = true;
    this.#worker.terminate();
    live.workers--;
  }
}
// ANCHOR_END: thread

/**
 * Runs `body` with a way to start threads, and ends every thread it started
 * once `body` has settled.
 * @template T
 * @param {(spawn: (name: string) => Thread) => Promise<T>} body
 * @returns {Promise<T>}
 */
export async function withThreads(body) {
  /** @type {Thread[]} */
  const threads = [];
  try {
    return await body((name) => {
      const thread = new Thread(name);
      threads.push(thread);
      return thread;
    });
  } finally {
    for (const thread of threads) thread.end();
  }
}

/** An answer as the page shows it: what a call returned, or the exception, word for word. @param {Answer} answer */
export function said(answer) {
  switch (answer.type) {
    case 'returned':
      return `returned ${JSON.stringify(answer.value)}`;
    case 'threw':
      return `threw ${answer.name}: ${answer.message}`;
    case 'no-answer':
      return `no answer after ${answer.ms / 1000} s`;
    default:
      return answer.type;
  }
}
