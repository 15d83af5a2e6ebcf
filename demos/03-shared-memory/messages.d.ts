// The only messages in stage 3: the one Rust posts to start a worker, and the
// ones a worker posts about its own life. Greetings, counters and progress
// travel through the shared memory instead.

/** Rust (spawnWorkers) → worker. */
export type ToWorker = {
  type: 'start';
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Address of this worker's task in the shared memory. */
  task: number;
};

/** Worker → page. */
export type FromWorker =
  /** The task returned and the thread's stack and TLS are freed: safe to terminate. */
  | { type: 'exited' }
  /** Something threw: the module did not instantiate, or the task trapped. */
  | { type: 'error'; message: string };
