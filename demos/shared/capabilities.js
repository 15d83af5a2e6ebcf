// @ts-check
// What a browser needs for wasm threads, checked live. Stages 3 and 4 refuse
// to start without the required ones; the tutorial's preflight panel shows all.

/**
 * @typedef {object} Capability
 * @property {string} id
 * @property {string} label what is checked, as a reader would say it
 * @property {boolean} ok
 * @property {string} detail the value found, or what is missing and why
 * @property {boolean} required whether stage 3 cannot run without it
 * @property {string} anchor the Troubleshooting section with the fix
 */

/** @returns {Capability[]} */
export function checkCapabilities() {
  const isolated = globalThis.crossOriginIsolated === true;
  const hasSharedArrayBuffer = typeof SharedArrayBuffer === 'function';
  const cores = navigator.hardwareConcurrency;
  const moduleWorkers = supportsModuleWorkers();
  return [
    {
      id: 'cross-origin-isolated',
      label: 'Cross-origin isolated',
      ok: isolated,
      detail: isolated
        ? 'crossOriginIsolated is true'
        : 'crossOriginIsolated is false: the page needs COOP same-origin and COEP require-corp',
      required: true,
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
      required: true,
      anchor: 'sharedarraybuffer-is-not-defined',
    },
    {
      id: 'shared-memory',
      label: 'Shared WebAssembly.Memory',
      ...sharedMemory(isolated),
      required: true,
      anchor: 'datacloneerror-could-not-be-cloned',
    },
    {
      id: 'module-workers',
      label: 'Module workers',
      ok: moduleWorkers,
      detail: moduleWorkers
        ? 'new Worker(url, { type: "module" }) is supported'
        : 'this browser ignores { type: "module" } for workers',
      required: true,
      anchor: 'module-workers-are-not-supported',
    },
    {
      id: 'wait-async',
      label: 'Atomics.waitAsync',
      ok: typeof Atomics.waitAsync === 'function',
      detail:
        typeof Atomics.waitAsync === 'function'
          ? 'available: the page can wait for workers without polling'
          : 'missing: the demos fall back to polling (looking again on a timer)',
      required: false,
      anchor: 'atomicswait-cannot-be-called-in-this-context',
    },
    {
      id: 'hardware-concurrency',
      label: 'Logical cores',
      ok: cores > 0,
      detail: cores > 0 ? `navigator.hardwareConcurrency is ${cores}` : 'not reported by this browser',
      required: false,
      anchor: 'a-worker-failed-or-panicked',
    },
  ];
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
