// @ts-check
// What a browser needs for wasm threads, checked live. Each stage refuses to
// start without what it needs (missingFor); the tutorial's preflight panel shows all.

/**
 * @typedef {object} Capability
 * @property {string} id
 * @property {string} label what is checked, as a reader would say it
 * @property {boolean} ok
 * @property {string} detail the value found, or what is missing and why
 * @property {number | null} neededFrom the first stage that cannot run without it; null if no stage needs it
 * @property {string} anchor the Troubleshooting section with the fix
 */

/** @returns {Capability[]} */
export function checkCapabilities() {
  const isolated = globalThis.crossOriginIsolated === true;
  const hasSharedArrayBuffer = typeof SharedArrayBuffer === 'function';
  const cores = navigator.hardwareConcurrency;
  const moduleWorkers = supportsModuleWorkers();
  const exceptions = supportsExnref();
  return [
    {
      id: 'cross-origin-isolated',
      label: 'Cross-origin isolated',
      ok: isolated,
      detail: isolated
        ? 'crossOriginIsolated is true'
        : 'crossOriginIsolated is false: the page needs COOP same-origin and COEP require-corp',
      neededFrom: 3,
      anchor: 'sharedarraybuffer-is-not-defined',
    },
    {
      id: 'shared-array-buffer',
      label: 'SharedArrayBuffer available',
      ok: hasSharedArrayBuffer,
      detail: hasSharedArrayBuffer
        ? 'typeof SharedArrayBuffer is "function"'
        : isolated
          ? // Isolation is not what is missing: the engine itself hides it.
            'SharedArrayBuffer is not defined although the page is cross-origin isolated: this browser engine ' +
            'hides it (Safari before 15.2, or WebKitGTK without JSC_useSharedArrayBuffer=1)'
          : 'SharedArrayBuffer is not defined',
      neededFrom: 3,
      anchor: 'sharedarraybuffer-is-not-defined',
    },
    {
      id: 'shared-memory',
      label: 'Shared WebAssembly.Memory',
      ...sharedMemory(isolated),
      neededFrom: 3,
      anchor: 'datacloneerror-could-not-be-cloned',
    },
    {
      id: 'module-workers',
      label: 'Module workers',
      ok: moduleWorkers,
      detail: moduleWorkers
        ? 'new Worker(url, { type: "module" }) is supported'
        : 'this browser ignores { type: "module" } for workers',
      neededFrom: 2,
      anchor: 'module-workers-are-not-supported',
    },
    {
      id: 'exception-handling',
      label: 'WebAssembly exception handling (exnref)',
      ok: exceptions,
      detail: exceptions
        ? 'WebAssembly.validate accepts try_table: a Rust panic can unwind'
        : 'WebAssembly.validate rejects try_table: stage 4’s pool needs panics that unwind, which use it',
      neededFrom: 4,
      anchor: 'webassembly-exception-handling-is-missing',
    },
    {
      id: 'wait-async',
      label: 'Atomics.waitAsync',
      ok: typeof Atomics.waitAsync === 'function',
      detail:
        typeof Atomics.waitAsync === 'function'
          ? 'available: the page can wait for workers without polling'
          : 'missing: the demos fall back to polling (looking again on a timer)',
      neededFrom: null,
      anchor: 'atomicswait-cannot-be-called-in-this-context',
    },
    {
      id: 'hardware-concurrency',
      label: 'Logical cores',
      ok: cores > 0,
      detail: cores > 0 ? `navigator.hardwareConcurrency is ${cores}` : 'not reported by this browser',
      neededFrom: null,
      anchor: 'a-worker-failed-or-panicked',
    },
  ];
}

/**
 * What `stage` needs and this browser lacks.
 * @param {number} stage
 */
export function missingFor(stage) {
  return checkCapabilities().filter((capability) => capability.neededFrom !== null && capability.neededFrom <= stage && !capability.ok);
}

/**
 * Whether a shared WebAssembly.Memory can be made here, and posted to a worker.
 * @param {boolean} isolated
 */
function sharedMemory(isolated) {
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  } catch (error) {
    return { ok: false, detail: `new WebAssembly.Memory({ shared: true }) throws: ${error}` };
  }
  // Browsers create one even on a page that is not isolated, but refuse to post it to a worker.
  if (typeof SharedArrayBuffer === 'function') return { ok: true, detail: 'new WebAssembly.Memory({ shared: true }) works' };
  return {
    ok: false,
    detail: isolated
      ? 'a shared memory can be made, but stage 3 also needs SharedArrayBuffer, which this engine hides'
      : 'a shared memory can be made, but not posted to a worker on a page that is not isolated',
  };
}

/** Whether `new Worker(url, { type: 'module' })` is supported, without starting a worker. */
function supportsModuleWorkers() {
  let readsType = false;
  try {
    // A browser that knows module workers reads `type` before it rejects the
    // invalid URL, so no worker starts and nothing is fetched.
    new Worker('http://[', {
      get type() {
        readsType = true;
        return /** @type {WorkerType} */ ('module');
      },
    });
  } catch {
    // Expected: the URL is invalid on purpose.
  }
  return readsType;
}

/**
 * Whether the engine validates `try_table`, the instruction of WebAssembly's
 * exception handling with exnref (what Rust's panic=unwind build emits), in
 * the smallest module that has one: a function whose body is an empty try_table.
 * Exported for its unit test.
 */
export function supportsExnref() {
  // prettier-ignore
  const module = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // types: one, () -> ()
    0x03, 0x02, 0x01, 0x00, // functions: one, of type 0
    0x0a, 0x08, 0x01, 0x06, 0x00, // code: one body, 6 bytes, no locals
    0x1f, 0x40, 0x00, 0x0b, // try_table (no result) with no catch clauses … end
    0x0b, // end of the body
  ]);
  return WebAssembly.validate(module);
}
