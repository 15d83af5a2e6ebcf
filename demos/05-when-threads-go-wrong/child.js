// @ts-check
/// <reference lib="webworker" />
// The worker that worker.js starts and then waits for: it only says that it
// has started, by setting the flag it is posted and waking its parent.
self.addEventListener(
  'message',
  (/** @type {MessageEvent<Int32Array>} */ { data: flag }) => {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  },
  { once: true },
);
