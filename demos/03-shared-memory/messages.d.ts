// The only messages in stage 3: the one the page posts to start a worker, and
// the one last word a worker posts back. Greetings, counters, progress and
// panics travel through the shared memory instead.

/** Page → worker: `Run.startMessage(index)`, built in Rust. */
export type ToWorker = {
  type: 'start';
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Address of this worker's task in the shared memory. */
  task: number;
};

/** Worker → page, exactly once. */
export type FromWorker =
  /** The task ended (counted, or failed and recorded in shared memory), and the
   * thread's stack and TLS are freed: the page may terminate it. */
  | { type: 'exited' }
  /** The worker could not start: a wrong first message, or the module did not instantiate. */
  | { type: 'failed'; message: string };

/** What the crate's `constants()` returns (rust/03-shared-memory/src/constants.rs). */
export type Constants = {
  maxWorkers: number;
  increments: number;
  memoryCapBytes: number;
  threadStackBytes: number;
  /** The ways to count, each the value of its control on the page. */
  countings: string[];
};
