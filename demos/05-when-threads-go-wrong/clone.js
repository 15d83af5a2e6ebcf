// @ts-check
// Reproduction: posting a memory that cannot be shared.
import { WAIT_MS, said, withThreads } from './threads.js';

/** @typedef {import('./result.js').Result} Result */

// ANCHOR: clone-run
/**
 * Posts a WebAssembly.Memory to a new worker: a plain one, or a shared one
 * (which this page may only post when it is cross-origin isolated).
 * @param {boolean} shared
 * @returns {Promise<Result>}
 */
export function postMemory(shared) {
  return withThreads(async (spawn) => {
    const description = `new WebAssembly.Memory({ initial: 1, maximum: 1${shared ? ', shared: true' : ''} })`;
    let memory;
    try {
      memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared });
    } catch (error) {
      const { name, message } = /** @type {Error} */ (error);
      return outcome(shared, 'not-created', [`${description} threw ${name}: ${message}`]);
    }
    const answer = await spawn('receiver').ask({ type: 'inspect', value: memory }, WAIT_MS);
    const line = `worker.postMessage(memory) ${answer.type === 'threw' ? said(answer) : `posted; the worker says it got ${said(answer).replace(/^returned /, '')}`}`;
    return outcome(shared, answer.type === 'threw' ? 'refused' : 'posted', [`${description} made a memory`, line]);
  });
}
// ANCHOR_END: clone-run

/**
 * @param {boolean} shared @param {'not-created' | 'refused' | 'posted'} state @param {string[]} said
 * @returns {Result}
 */
function outcome(shared, state, said) {
  const isolated = globalThis.crossOriginIsolated === true;
  const why = !shared
    ? 'Only a shared memory can be posted: a plain one belongs to one agent, and the structured clone that postMessage makes refuses it (only its buffer could be copied or transferred). Every thread needs the same memory, so the module must be built with a shared one.'
    : isolated
      ? 'This page is cross-origin isolated, so it may share memory with its workers. Open the same demo from a host that does not send the isolation headers to see the error.'
      : state === 'posted'
        ? 'This engine posted a shared memory from a page that is not cross-origin isolated. Others refuse to: do not rely on it.'
        : 'This page is not cross-origin isolated: browsers let such a page share memory with no other thread, so the clone is refused (or the memory cannot even be made).';
  const headline = {
    'not-created': 'The browser would not even make this memory.',
    refused: 'postMessage threw a DataCloneError: the worker got nothing.',
    posted: 'The memory was posted, and the worker received it.',
  }[state];
  /** @type {Result['fix']} */
  const fix = shared
    ? { text: 'Serve the page with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, as this site does for', stage: '03-shared-memory' }
    : { text: 'Build with atomics and --shared-memory (.cargo/config.toml), so that the memory is shared, as', stage: '03-shared-memory' };
  return { state, headline, said, why, fix };
}
