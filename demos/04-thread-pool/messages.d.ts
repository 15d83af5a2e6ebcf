// Every message of stage 4, in one place. The page talks only to the owner
// worker (owner.js); the owner talks to the pool workers (pool-worker.js),
// which Rust starts. Pixels travel by message; a panic's text travels through
// the shared memory, because the owner is blocked while the pool renders.

export type SettingName = 'threads' | 'width' | 'height' | 'iterations';

/** Each setting's range and default, from Rust (`settingLimits`). */
export type Limits = Record<SettingName, { min: number; max: number; default: number }>;

/** Page → owner. The page sends one and waits for its answer before the next. */
export type ToOwner = {
  type: 'render';
  /** As typed. The owner checks every field with Rust before anything starts. */
  settings: Record<SettingName, string>;
  /** Test-only (the page's `?panic-row=N`): this row's task panics. */
  failingRow?: number;
  /** The baseline: a plain loop on the owner's own thread, no pool (used by the bench). */
  sequential?: boolean;
};

/** Owner → page. */
export type FromOwner =
  /** The module is instantiated; sent once, before anything else. */
  | {
      type: 'ready';
      limits: Limits;
      /** The shared memory, and where in it a panic is reported (see panic_report.rs). */
      memory: WebAssembly.Memory;
      panicReport: number;
    }
  /** The pool is running (or, for the plain loop, not needed) and the owner now blocks until the render is over. */
  | { type: 'rendering' }
  /** Some settings were refused, in words; nothing was started. */
  | { type: 'refused'; errors: Partial<Record<SettingName, string>> }
  | {
      type: 'rendered';
      /** 0 for the plain loop. */
      threads: number;
      width: number;
      height: number;
      iterations: number;
      /** performance.now() around the render call, in the owner. */
      ms: number;
      checksum: number;
      /** The plain loop's checksum for the same settings. */
      referenceChecksum: number;
      /** RGBA bytes, transferred. */
      pixels: ArrayBuffer;
      /** Live pool workers: as many as the pool has threads (0 for the plain loop's first render). */
      poolWorkers: number;
      memoryBytes: number;
    }
  | { type: 'failed'; message: string };

export type ToPoolWorker =
  /** Rust (`new Pool`) → pool worker, once it has said `loaded` (and again for each new pool). */
  | {
      type: 'start';
      module: WebAssembly.Module;
      memory: WebAssembly.Memory;
      /** Address of this worker's Rayon `ThreadBuilder` in the shared memory. */
      thread: number;
    }
  /** Owner → an idle pool worker that a smaller pool does not need. */
  | { type: 'stop' };

/** Pool worker → owner. */
export type FromPoolWorker =
  /** The script has loaded and listens: the owner may start the next worker. */
  | { type: 'loaded' }
  /** The module is instantiated and the Rayon thread is about to run. */
  | { type: 'started' }
  /** The pool was dropped and the thread returned; the worker waits for another, or to stop. */
  | { type: 'idle' }
  /** Its thread's stack and thread-local storage are freed: the owner may terminate it. */
  | { type: 'stopped' }
  /** The module did not instantiate, or the thread trapped. */
  | { type: 'error'; message: string };
