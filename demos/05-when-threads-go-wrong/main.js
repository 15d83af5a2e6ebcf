// @ts-check
// Stage 5: each button reproduces one way threads go wrong, for real, and
// fills its own result panel with what happened, what the browser or Rust
// said, why, and the fix. One reproduction runs at a time, and each ends
// every worker it started.
import init, { sharedMemory } from './pkg/when_threads_go_wrong.js';
import { postMemory } from './clone.js';
import { spawnThenBlock } from './deadlock.js';
import { leakedThreads } from './leak.js';
import { atomicsWaitOnMainThread, lockOnMainThread } from './main-thread.js';
import { panicWhileWaited } from './panic.js';
import { showResult, showRunning } from './result.js';
import { live } from './threads.js';
import { errorMessage } from '../shared/errors.js';

/** @typedef {import('./result.js').Result} Result */

const demo = /** @type {HTMLElement} */ (document.getElementById('threads-go-wrong-demo'));
const status = /** @type {HTMLElement} */ (demo.querySelector('[data-status]'));
const buttons = /** @type {HTMLButtonElement[]} */ ([...demo.querySelectorAll('button[data-run]')]);
/** The two builds' modules. */
const ABORT_WASM = new URL('./pkg/when_threads_go_wrong_bg.wasm', import.meta.url);
const UNWIND_WASM = new URL('./pkg-unwind/when_threads_go_wrong_bg.wasm', import.meta.url);

/** What the status line says between runs. */
const idle = { state: 'loading', text: '' };

/** @param {string} state @param {string} text */
function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

/** @param {string} state @param {string} text */
function settle(state, text) {
  Object.assign(idle, { state, text });
  setStatus(state, text);
}

/** The page's own memory and its workers, after each run: both should stay put. */
function showTotals() {
  /** @type {HTMLElement} */ (demo.querySelector('[data-workers]')).textContent = String(live.workers);
  const bytes = /** @type {WebAssembly.Memory} */ (sharedMemory()).buffer.byteLength;
  /** @type {HTMLElement} */ (demo.querySelector('[data-memory]')).textContent = `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/**
 * The unwind build, compiled here: a browser without WebAssembly exception
 * handling refuses it, and that refusal is then the reproduction's result.
 * @returns {Promise<WebAssembly.Module | Result>}
 */
async function compileUnwind() {
  try {
    return await WebAssembly.compileStreaming(fetch(UNWIND_WASM));
  } catch (error) {
    return {
      state: 'no-exceptions',
      headline: 'This browser cannot compile the unwind build.',
      said: [`WebAssembly.compileStreaming(pkg-unwind/…) threw ${/** @type {Error} */ (error).name}: ${errorMessage(error)}`],
      why: 'A panic = "unwind" build uses WebAssembly exception handling with exnref, which this engine does not have.',
      fix: { text: 'Keep the abort build for this browser, with a panic hook and a way to replace the threads, as', stage: '04-thread-pool' },
    };
  }
}

/** What each button runs; the ones that need wasm threads are added once the modules load. @type {Record<string, () => Promise<Result> | Result>} */
const runs = {
  'post-plain': () => postMemory(false),
  'post-shared': () => postMemory(true),
};

for (const button of buttons) {
  button.addEventListener('click', () => {
    const run = runs[button.dataset.run ?? ''];
    if (run) start(button, run);
  });
}

/** Enables the buttons that have something to run. */
function enable() {
  for (const button of buttons) button.disabled = !((button.dataset.run ?? '') in runs);
}

async function main() {
  if (globalThis.crossOriginIsolated !== true) {
    // Only the DataCloneError checks mean anything here: they show what this page lacks.
    enable();
    settle('unisolated', 'This page is not cross-origin isolated: only the two postMessage checks can run here, and they show why the others cannot.');
    return;
  }
  /** @type {WebAssembly.Module} */
  let abort;
  try {
    abort = await WebAssembly.compileStreaming(fetch(ABORT_WASM));
    // The page's own instance, for the main-thread reproduction.
    await init({ module_or_path: abort });
  } catch (error) {
    settle('failed', `The wasm module did not load: ${errorMessage(error)}. Reload the page.`);
    return;
  }
  const unwind = await compileUnwind();
  Object.assign(runs, {
    'panic-abort': () => panicWhileWaited('abort', abort),
    'panic-unwind': () => (unwind instanceof WebAssembly.Module ? panicWhileWaited('unwind', unwind) : unwind),
    lock: () => lockOnMainThread(abort),
    'atomics-wait': atomicsWaitOnMainThread,
    deadlock: spawnThenBlock,
    leak: () => leakedThreads(abort),
  });
  enable();
  showTotals();
  settle('ready', 'Ready: pick a failure.');
}

/**
 * Runs one reproduction. While it runs, every button stays focusable but
 * does nothing (aria-disabled), so keyboard focus is not lost.
 * @param {HTMLButtonElement} button @param {() => Promise<Result> | Result} run
 */
async function start(button, run) {
  if (buttons.some((each) => each.getAttribute('aria-disabled') === 'true')) return;
  const panel = /** @type {HTMLElement} */ (button.closest('.repro-run')?.querySelector('[data-result]'));
  for (const each of buttons) each.setAttribute('aria-disabled', 'true');
  setStatus('running', `Running: ${button.textContent}…`);
  showRunning(panel);
  try {
    showResult(panel, await run());
  } catch (error) {
    showResult(panel, {
      state: 'failed',
      headline: 'The reproduction itself failed.',
      said: [errorMessage(error)],
      why: 'This is a bug in the demo, not one of the failures it shows.',
      fix: { text: 'Reload the page and try again; the working version is in', stage: '04-thread-pool' },
    });
  } finally {
    for (const each of buttons) each.removeAttribute('aria-disabled');
    if (idle.state === 'ready') showTotals();
    setStatus(idle.state, idle.text);
  }
}

main();
