// Every message of stage 4, in one place. The page creates both kinds of
// worker and is the only one either talks to: the owner, which holds the
// module's first instance and the pool and blocks while the pool renders; and
// the pool workers, each running one of the pool's threads. No worker creates
// a worker. Pixels travel by message; rows are shared through the memory.

/** The numbers, in the form's order; `min-len` is k of `with_min_len(k)`. */
export type SettingName = 'threads' | 'width' | 'height' | 'iterations' | 'min-len';
/** The switches: how the rows are split, and which part of the plane is drawn. */
export type ChoiceName = 'split' | 'view';
/**
 * Everything a render is asked for, as the form has it. The switches and k
 * may be left out (the template in templates/vite does): their defaults apply.
 */
export type Settings = Record<Exclude<SettingName, 'min-len'>, string> & Partial<Record<'min-len' | ChoiceName, string>>;

/** What the crate's `constants()` returns (rust/04-thread-pool/src/constants.rs): every setting, in the form's order. */
export type Constants = {
  settings: Record<SettingName, { min: number; max: number; default?: number }>;
  /** Each switch's options, as Rust names them; the first is the default. */
  choices: Record<ChoiceName, { options: string[]; default: string }>;
  memoryCapBytes: number;
};

/** One Rayon job, as its thread recorded it: ms on the clock every thread shares (timeOrigin + now()), rows firstRow … firstRow + rows - 1. */
export type Job = { begun: number; ended: number; firstRow: number; rows: number };

/** What `Pool.timeline()` returns (rust/04-thread-pool/src/timeline.rs), with what the owner adds. */
export type PoolTimeline = {
  /** When the pool was made, and the render's start and end (around `install`). */
  createdAt: number;
  start: number;
  end: number;
  /** Whether this render made the pool: then its threads' start-up belongs to it. */
  newPool: boolean;
  /** One lane per pool thread, in Rayon's thread order; `started` is when the thread began to run. */
  lanes: { started?: number; jobs: Job[] }[];
};

/** Page → owner. The page sends one render and waits for its answer before the next. */
export type ToOwner =
  | {
      type: 'render';
      /** As typed or chosen. The owner checks every field with Rust before anything starts. */
      settings: Settings;
      /** Whether the pool threads record their timeline (the page always does; the bench compares). */
      record: boolean;
      /** Test-only (the page's `?panic-row=N`): this row's task panics. */
      failingRow?: number;
    }
  /** The threads the owner asked for all run: the owner may now block on the pool. */
  | { type: 'threads-started' };

/** Owner → page. */
export type FromOwner =
  /** The module is instantiated; sent once, before anything else. */
  | {
      type: 'ready';
      constants: Constants;
      /** What every pool worker instantiates: the same module, on the same memory. */
      module: WebAssembly.Module;
      memory: WebAssembly.Memory;
    }
  /** Some settings were refused, in words; nothing was started. */
  | { type: 'refused'; errors: Partial<Record<SettingName | ChoiceName, string>> }
  /**
   * A new pool (a new thread count): run each of its threads on a pool worker
   * (the first `threads.length` of them; end the rest), then say `threads-started`.
   * The old pool's threads, if any, return of themselves.
   */
  | { type: 'threads'; threads: number[] }
  | {
      type: 'rendered';
      threads: number;
      width: number;
      height: number;
      iterations: number;
      split: string;
      view: string;
      minLen: number;
      /** performance.now() around the render call, in the owner. */
      ms: number;
      checksum: number;
      /** The plain loop's checksum and time for the same settings, from the first render with them. */
      plainChecksum: number;
      plainMs: number;
      /** RGBA bytes, transferred. */
      pixels: ArrayBuffer;
      memoryBytes: number;
      /** Each pool thread's lane, when the render recorded one (never in the fallback). */
      timeline?: PoolTimeline;
    }
  /**
   * A task panicked (the test-only `failingRow`): Rayon carried the panic out
   * of `install` and Rust caught it. The pool still has all `threads` threads.
   */
  | { type: 'panicked'; message: string; threads: number }
  | { type: 'failed'; message: string };

/** Page → pool worker. */
export type ToPoolWorker =
  /** Run this Rayon thread (an address from `Pool.takeThreads`) until its pool is dropped. */
  | { type: 'start'; module: WebAssembly.Module; memory: WebAssembly.Memory; thread: number }
  /** Free this thread's stack and thread-local storage: the page then terminates the worker. */
  | { type: 'stop' };

/** Pool worker → page. */
export type FromPoolWorker =
  /** The module is instantiated and the thread is about to run. */
  | { type: 'started' }
  /** Its stack and thread-local storage are freed. */
  | { type: 'stopped' }
  /** The module did not instantiate, or the thread trapped (a panic does not: Rayon catches it). */
  | { type: 'failed'; message: string };

/** Page → fallback worker (fallback-worker.js, the build without atomics): a render, as the owner gets it. */
export type ToFallback = Extract<ToOwner, { type: 'render' }>;

/** Fallback worker → page: the owner's answers, without the pool's. */
export type FromFallback =
  | { type: 'ready'; constants: Constants }
  | Extract<FromOwner, { type: 'refused' | 'rendered' | 'failed' }>;
