// The messages between the page (main.js) and the worker (worker.js). Every
// message carries a `type` tag, so each side can switch on it and TypeScript
// checks both ends against this one file.

/** Page → worker. The page sends `init` first; messages keep their order. */
export type ToWorker =
  | { type: 'init'; wasmUrl?: string }
  | { type: 'greet'; id: number; name: string };

/** Worker → page. */
export type FromWorker =
  | { type: 'ready'; thread: string }
  | { type: 'greeting'; id: number; text: string }
  | { type: 'error'; message: string };
