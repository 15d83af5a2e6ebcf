// Stage 5's messages between the page and its workers. Every message the
// page posts gets exactly one answer, so the page can wait for it with a
// time limit (threads.js).

/** The two builds of the crate: pkg/ and pkg-unwind/. */
export type Build = 'abort' | 'unwind';

/** The crate's exports that a worker may be asked to call. */
export type Export = 'openChannel' | 'produce' | 'consume' | 'holdLock';

/** Page → worker. */
export type ToWorker =
  /** Instantiate `build` on `memory`, or on a new shared memory if there is none. */
  | { type: 'start'; build: Build; module: WebAssembly.Module; memory?: WebAssembly.Memory }
  /** Call one export of the crate. */
  | { type: 'call'; name: Export; args: (number | boolean)[] }
  /** Free this thread's stack and thread-local storage (`__wbindgen_thread_destroy`). */
  | { type: 'stop' }
  /** Say what arrived: the posted value's kind (for the DataCloneError check). */
  | { type: 'inspect'; value: unknown }
  /** Start a nested worker, then block this thread for `ms` waiting for it to start. */
  | { type: 'spawn-and-block'; ms: number };

/** How the blocking wait of `spawn-and-block` went. */
export type Blocked = {
  /** What `Atomics.wait` returned: "ok" once the new worker had started, "timed-out" if it never did. */
  waited: string;
  /** How long this thread was blocked, in ms. */
  blockedMs: number;
  /** Whether the new worker started once this thread was back in its event loop. */
  startedAfterwards: boolean;
};

/** Worker → page: one per message. */
export type FromWorker =
  | { type: 'started'; memory: WebAssembly.Memory; strategy: string }
  | { type: 'returned'; value: unknown }
  | { type: 'stopped' }
  /** An exception: its name and message as the engine made them. */
  | { type: 'threw'; name: string; message: string };
