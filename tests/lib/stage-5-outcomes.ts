// What each of stage 5's reproductions does in each engine we test, as its
// result panel reports it: the panel's data-state, and a pattern for the
// exact text the browser or Rust produced. tests/stage-5.spec.ts (Chromium,
// Firefox) and tests/webkit/stage-5.test.ts (WebKitGTK) check the page
// against this one table; the stage page's engine table says the same.

export type Engine = 'chromium' | 'firefox' | 'webkit';
export type Outcome = { state: string; said: RegExp };

/** Each button's `data-run`, in the order they are on the page. */
export const RUNS = ['panic-abort', 'panic-unwind', 'lock', 'atomics-wait', 'deadlock', 'leak', 'post-plain', 'post-shared'] as const;
export type Run = (typeof RUNS)[number];

const unwound: Outcome = {
  state: 'unwound',
  said: /produce\(sender, true\) threw PanicError: the producer panicked before it sent its answer\nconsumer: consume\(receiver\) threw Error: recv\(\) returned Err: receiving on a closed channel\nthen, the same two threads: produce\(sender, false\) returned 42\nconsumer: consume\(receiver\) returned 42$/,
};
const deadlocked: Outcome = {
  state: 'deadlocked',
  said: /returned "timed-out" after \d+ ms\nthe new worker started once its parent was back in its event loop$/,
};
const leak: Outcome = { state: 'climbs-vs-flat', said: /^terminate\(\) only, memory in MiB: .*\n__wbindgen_thread_destroy\(\) first, memory in MiB: / };
const posted: Outcome = { state: 'posted', said: /posted; the worker says it got "a WebAssembly.Memory on a SharedArrayBuffer"$/ };
const trappedAbort = (trap: string): Outcome => ({
  state: 'waits-for-ever',
  said: new RegExp(`^both workers: panicStrategy\\(\\) returned "abort"\\nproducer: produce\\(sender, true\\) threw RuntimeError: ${trap}\\nconsumer: consume\\(receiver\\) no answer after 3 s$`),
});

/** On the isolated site. */
export const ISOLATED: Record<Engine, Record<Run, Outcome>> = {
  chromium: {
    'panic-abort': trappedAbort('unreachable'),
    'panic-unwind': unwound,
    lock: { state: 'trapped', said: /^takeLock\(\) on the main thread threw RuntimeError: Atomics.wait cannot be called in this context/ },
    'atomics-wait': { state: 'refused', said: /threw TypeError: Atomics.wait cannot be called in this context$/ },
    deadlock: deadlocked,
    leak,
    'post-plain': { state: 'refused', said: /threw DataCloneError: Failed to execute 'postMessage' on 'Worker': #<Memory> could not be cloned\.$/ },
    'post-shared': posted,
  },
  firefox: {
    'panic-abort': trappedAbort('unreachable executed'),
    'panic-unwind': unwound,
    lock: { state: 'blocked', said: /^takeLock\(\) on the main thread returned after \d+ ms\nworker: holdLock\(500\) returned undefined$/ },
    'atomics-wait': { state: 'refused', said: /threw TypeError: waiting is not allowed on this thread$/ },
    deadlock: { state: 'started-while-blocked', said: /returned "ok" after \d+ ms\nthe new worker started while its parent was blocked$/ },
    leak,
    'post-plain': { state: 'refused', said: /threw DataCloneError: WebAssembly.Memory object could not be cloned\.$/ },
    'post-shared': posted,
  },
  webkit: {
    'panic-abort': trappedAbort("Unreachable code should not be executed \\(evaluating 'wasm.produce\\(sender, fail\\)'\\)"),
    'panic-unwind': unwound,
    // JavaScriptCore traps any memory.atomic.wait32 on the main thread, with this message.
    lock: { state: 'trapped', said: /^takeLock\(\) on the main thread threw RuntimeError: Out of bounds memory access \(evaluating 'wasm.takeLock\(\)'\)/ },
    'atomics-wait': { state: 'refused', said: /threw TypeError: Atomics.wait cannot be called from the current thread\.$/ },
    deadlock: deadlocked,
    leak,
    'post-plain': { state: 'refused', said: /threw DataCloneError: The object can not be cloned\.$/ },
    'post-shared': posted,
  },
};

/** A shared memory posted from a page that is not cross-origin isolated. */
export const UNISOLATED_SHARED: Record<Engine, Outcome> = {
  chromium: { state: 'refused', said: /threw DataCloneError: Failed to execute 'postMessage' on 'Worker': SharedArrayBuffer transfer requires self.crossOriginIsolated\.$/ },
  firefox: {
    state: 'refused',
    said: /threw DataCloneError: The WebAssembly.Memory object cannot be serialized\. The Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy HTTP headers can be used to enable this\.$/,
  },
  // WebKitGTK with JSC_useSharedArrayBuffer=1, as the WebKit suite runs it (scripts/lib/webkit.mjs).
  webkit: posted,
};
