// @ts-check
// Stage 4: the page. It never blocks and never touches the pool: it asks the
// pool client (pool-client.js) for renders and shows what comes back. The
// "Measure speedup" button is just many renders (measure-panel.js). Where threads
// cannot run, the fallback client (fallback-client.js) renders on one thread.
import { FallbackClient } from './fallback-client.js';
import { measureAndShow } from './measure-panel.js';
import { PoolClient } from './pool-client.js';
import { describeChange } from './changes.js';
import { showThreads } from './threads-panel.js';
import { missingFor } from '../shared/capabilities.js';
import { showConstants } from '../shared/constants.js';
import { errorMessage, showRunError } from '../shared/errors.js';
import { defaultThreadCount } from '../shared/threads.js';

/** @typedef {import('./messages').SettingName} SettingName */
/** @typedef {import('./messages').ChoiceName} ChoiceName */
/** @typedef {import('./messages').Settings} Settings */
/** @typedef {import('./messages').Constants} Constants */
/** @typedef {Extract<import('./pool-client.js').Outcome, { type: 'rendered' }>} Rendered */

const form = /** @type {HTMLFormElement} */ (document.getElementById('thread-pool-demo'));
/** @param {string} selector */
const find = (selector) => /** @type {HTMLElement} */ (form.querySelector(selector));
/** A number's field, or a switch's radio group (whose `value` is the checked radio's). @param {SettingName | ChoiceName} name */
const field = (name) => /** @type {HTMLInputElement | RadioNodeList} */ (form.elements.namedItem(name));
/** @param {SettingName} name */
const input = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
/** @param {string} name */
const cell = (name) => find(`[data-${name}]`);
const renderButton = /** @type {HTMLButtonElement} */ (find('button[type="submit"]'));
const measureButton = /** @type {HTMLButtonElement} */ (find('[data-measure]'));
const status = find('[data-status]');
const runError = find('[data-run-error]');
const canvas = /** @type {HTMLCanvasElement} */ (find('[data-canvas]'));

// ANCHOR: choose-client
/** What stage 4 needs and this page lacks (demos/shared/capabilities.js). */
const missing = missingFor(4);
/** The fallback is a module worker too: without those, nothing can run off the main thread. */
const fallback = missing.length > 0 && missing.every((capability) => capability.id !== 'module-workers');
const client = fallback ? new FallbackClient() : new PoolClient();
// ANCHOR_END: choose-client
/** Test-only: `?panic-row=N` makes row N's task panic, in the first render after load. */
let failingRow = Number.parseInt(new URLSearchParams(location.search).get('panic-row') ?? '', 10);
/** @type {Constants | undefined} */
let constants;
/** Every setting's name, numbers then switches, in the form's order, once the module has said them. */
/** @type {(SettingName | ChoiceName)[]} */
let SETTINGS = [];
/** The last render drawn, to say what the next one changes. */
/** @type {Rendered | undefined} */
let previous;

async function main() {
  if (missing.length > 0 && !fallback) {
    setStatus('unsupported', 'This demo cannot run here.');
    const reasons = missing.map((capability) => capability.detail).join('; ');
    showRunError(runError, `Not available: ${reasons}. Serve the page with the headers in netlify.toml (\`npm start\` does).`, missing[0].anchor);
    find('[data-hint]').textContent = '';
    return;
  }
  try {
    constants = await client.constants();
  } catch (cause) {
    setStatus('failed', 'The wasm module did not load.');
    showRunError(runError, `${errorMessage(cause)}. Reload the page; if this persists, the site was deployed without its wasm.`, 'wrong-mime-type-for-wasm');
    return;
  }
  const { settings, choices } = constants;
  const numbers = /** @type {SettingName[]} */ (Object.keys(settings));
  for (const name of numbers) input(name).value = String(settings[name].default ?? '');
  const switches = /** @type {ChoiceName[]} */ (Object.keys(choices));
  for (const name of switches) field(name).value = choices[name].default;
  SETTINGS = [...numbers, ...switches];
  input('threads').value = String(fallback ? 1 : defaultThreadCount(settings.threads.max));
  showConstants(form, constants);
  if (fallback) showFallback();
  setBusy(false);
  setStatus('ready', 'Ready.');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (renderButton.disabled) return;
  setBusy(true);
  await renderAndShow(readSettings());
  setBusy(false);
});

measureButton.addEventListener('click', async () => {
  if (measureButton.disabled || !constants) return;
  setBusy(true);
  const settings = readSettings(); // fixed for the whole measurement
  await measureAndShow(defaultThreadCount(constants.settings.threads.max), async (threads) => (await renderAndShow({ ...settings, threads: String(threads) }))?.ms);
  setBusy(false);
});

/** @returns {Settings} */
function readSettings() {
  return /** @type {Settings} */ (Object.fromEntries(SETTINGS.map((name) => [name, field(name).value])));
}

// ANCHOR: render
/**
 * One render, start to finish: refused settings are marked next to their
 * fields; a panic is shown (the pool lives on); a failure is shown (the client
 * has ended the pool); a result is drawn.
 * @param {Settings} settings
 * @returns {Promise<Rendered | undefined>}
 */
async function renderAndShow(settings) {
  runError.replaceChildren();
  const threads = settings.threads.trim();
  setStatus('running', `Rendering on ${threads} thread${threads === '1' ? '' : 's'}…`);
  const outcome = await client.render(settings, Number.isNaN(failingRow) ? undefined : failingRow);
  failingRow = Number.NaN;
  showFieldErrors(outcome.type === 'refused' ? outcome.errors : {});
  if (outcome.type === 'refused') {
    setStatus('refused', 'Nothing was rendered: correct the settings marked above.');
  } else if (outcome.type === 'panicked') {
    const kept = `${outcome.threads} thread${outcome.threads === 1 ? '' : 's'}`;
    setStatus('panicked', `A task panicked, and the panic came back as an error: nothing was drawn. The pool kept its ${kept} for the next render.`);
    showRunError(runError, outcome.message, 'a-worker-failed-or-panicked');
    showPoolWorkers();
  } else if (outcome.type === 'failed') {
    setStatus('failed', 'The render failed. Its pool was stopped; the next render starts a fresh one.');
    showRunError(runError, outcome.message, 'a-worker-failed-or-panicked');
    showPoolWorkers();
  } else {
    show(outcome);
    showPoolWorkers();
  }
  return outcome.type === 'rendered' ? outcome : undefined;
}
// ANCHOR_END: render

/** @param {Rendered} result */
function show(result) {
  const { width, height, threads, ms, checksum, plainChecksum } = result;
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(result.pixels), width, height), 0, 0);
  const onThreads = `on ${threads} thread${threads === 1 ? '' : 's'}`;
  canvas.setAttribute('aria-label', `The Mandelbrot set, ${width} × ${height} pixels, ${result.view} view, rendered ${onThreads}.`);
  const hex = (/** @type {number} */ n) => `0x${n.toString(16).padStart(8, '0')}`;
  setCell('threads', String(threads));
  setCell('split', `${result.split === 'min-len' ? `min-len, k = ${result.minLen}` : result.split}; ${result.view}`, { split: result.split, view: result.view });
  const change = describeChange(previous, result);
  setCell('changed', change);
  previous = result;
  showThreads(result);
  setCell('ms', `${ms.toFixed(1)} ms`, { ms: String(ms) });
  setCell('checksum', hex(checksum), { checksum: String(checksum) });
  const same = checksum === plainChecksum;
  setCell('matches', same ? `yes (${hex(plainChecksum)})` : `NO: one thread gives ${hex(plainChecksum)}`, { matches: String(same) });
  setCell('plain-ms', `${result.plainMs.toFixed(1)} ms`, { ms: String(result.plainMs) });
  setCell('memory-bytes', `${(result.memoryBytes / 2 ** 20).toFixed(2)} MiB (memory.buffer.byteLength)`, { bytes: String(result.memoryBytes) });
  setStatus(
    'done',
    `Rendered ${width} × ${height} at ${result.iterations} iterations ${onThreads} in ${ms.toFixed(1)} ms (changed: ${change}); ` +
      (same ? 'the same pixels as one thread.' : 'the pixels DIFFER from one thread’s.'),
  );
}

/** Says why this is the fallback; one thread, so nothing to measure. */
function showFallback() {
  const reasons = missing.map((capability) => capability.detail).join('; ');
  const notice = find('[data-fallback]');
  // Isolation is the server's to give; exception handling, the browser's.
  const fix = missing.some((capability) => capability.neededFrom === 3)
    ? 'serve the page with the headers in netlify.toml (`npm start` does)'
    : 'use a browser with WebAssembly exception handling (exnref)';
  showRunError(notice, `Fallback: one thread, from a second build of the crate without atomics, because ${reasons}. For the thread pool, ${fix}.`, missing[0].anchor);
  notice.hidden = false;
  input('threads').readOnly = true;
  measureButton.hidden = true;
}

function showPoolWorkers() {
  setCell('pool-workers', client.poolWorkers ? String(client.poolWorkers) : '0 (none running)', { count: String(client.poolWorkers) });
}

/** @param {Partial<Record<SettingName | ChoiceName, string>>} errors */
function showFieldErrors(errors) {
  for (const name of SETTINGS) {
    const control = field(name);
    const message = errors[name];
    // A switch's error belongs to its whole group (its fieldset is described by it).
    for (const marked of control instanceof RadioNodeList ? [...control] : [control]) {
      if (message) /** @type {Element} */ (marked).setAttribute('aria-invalid', 'true');
      else /** @type {Element} */ (marked).removeAttribute('aria-invalid');
    }
    find(`[data-error-for="${name}"]`).textContent = message ? `“${control.value}” was not used: ${message}` : '';
  }
  const first = SETTINGS.find((name) => errors[name]);
  const control = first && field(first);
  if (control) (control instanceof RadioNodeList ? /** @type {HTMLInputElement} */ (control[0]) : control).focus();
}

/** @param {boolean} busy */
function setBusy(busy) {
  renderButton.disabled = busy;
  measureButton.disabled = busy;
}

/** @param {string} name @param {string} text @param {Record<string, string>} [data] machine-readable values, as data- attributes */
function setCell(name, text, data = {}) {
  const element = cell(name);
  element.textContent = text;
  Object.assign(element.dataset, data);
}

/** @param {string} state @param {string} text */
function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

main();
