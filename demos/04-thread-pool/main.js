// @ts-check
// Stage 4: the page. It never blocks and never touches the pool: it sends
// render requests to one owner worker (owner.js), which owns the pool, and
// shows what comes back. The "Measure speedup" button is just many renders.
import { checkCapabilities } from '../03-shared-memory/capabilities.js';

/** @typedef {import('./messages').ToOwner} ToOwner */
/** @typedef {import('./messages').FromOwner} FromOwner */
/** @typedef {import('./messages').SettingName} SettingName */
/** @typedef {Extract<FromOwner, { type: 'ready' }>} Ready */
/** @typedef {Extract<FromOwner, { type: 'rendered' }>} Rendered */

/** Renders per thread count when measuring; the median is used. */
const MEASURE_REPEATS = 3;
/** How long the owner may take to load the module. */
const READY_TIMEOUT_MS = 30_000;
/** How long the owner may take to get a new pool's workers running (they load in well under a second once cached). */
const START_TIMEOUT_MS = 20_000;
/** A render taking longer is stopped and reported, never left hanging (the largest, slowest settings take well under this). */
const RENDER_TIMEOUT_MS = 120_000;
const TROUBLESHOOTING = '/troubleshooting/';
/** @type {SettingName[]} */
const SETTINGS = ['threads', 'width', 'height', 'iterations'];

const form = /** @type {HTMLFormElement} */ (document.getElementById('thread-pool-demo'));
/** @param {string} selector */
const find = (selector) => /** @type {HTMLElement} */ (form.querySelector(selector));
/** @param {SettingName} name */
const field = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
const renderButton = /** @type {HTMLButtonElement} */ (find('button[type="submit"]'));
const measureButton = /** @type {HTMLButtonElement} */ (find('[data-measure]'));
const cancelButton = /** @type {HTMLButtonElement} */ (find('[data-cancel]'));
const status = find('[data-status]');
const runError = find('[data-run-error]');
const canvas = /** @type {HTMLCanvasElement} */ (find('[data-canvas]'));
const measureResults = find('[data-measure-results]');
const progress = /** @type {HTMLProgressElement} */ (find('[data-progress]'));
const measureStatus = find('[data-measure-status]');
const chart = /** @type {SVGSVGElement} */ (/** @type {unknown} */ (find('[data-chart]')));
const timesBody = /** @type {HTMLTableSectionElement} */ (find('[data-times] tbody'));

/** Test-only: `?panic-row=N` makes row N's task panic, in the first render after load. */
let failingRow = Number.parseInt(new URLSearchParams(location.search).get('panic-row') ?? '', 10);

// ANCHOR: owner
/**
 * @typedef {object} Owner the one worker that owns the pool
 * @property {Worker} worker
 * @property {Promise<Ready>} ready
 * @property {(reason: Error) => void} fail rejects what waits on this owner
 */

/** @type {Owner | undefined} */
let owner;
/** The one request in flight: the page sends the next only after this one's answer. */
/** @type {{ rendering: () => void, resolve: (message: FromOwner) => void, reject: (reason: Error) => void } | undefined} */
let pending;

function startOwner() {
  const worker = new Worker(new URL('./owner.js', import.meta.url), { type: 'module', name: 'pool-owner' });
  /** @type {(ready: Ready) => void} */
  let resolveReady = () => {};
  /** @type {(reason: Error) => void} */
  let rejectReady = () => {};
  /** @type {Promise<Ready>} */
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {}); // awaited by whoever renders next, if anyone
  /** @param {Error} reason */
  const fail = (reason) => {
    rejectReady(reason);
    pending?.reject(reason);
    pending = undefined;
  };
  // The one place the page handles the owner's messages.
  worker.addEventListener('message', (/** @type {MessageEvent<FromOwner>} */ event) => {
    const message = event.data;
    if (message.type === 'ready') {
      resolveReady(message);
    } else if (message.type === 'rendering') {
      pending?.rendering();
    } else {
      pending?.resolve(message);
      pending = undefined;
    }
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(new Error(`the owner worker failed: ${event.message || 'owner.js or the module did not load'}`));
  });
  return { worker, ready, fail };
}

/**
 * Terminates the owner. Its pool workers end with it, and once nothing refers
 * to its memory any more, so does the memory: a wedged pool is gone for good.
 * @param {Owner} ended
 */
function endOwner(ended) {
  ended.worker.terminate();
  ended.fail(new Error('the owner was ended'));
  if (owner === ended) owner = undefined;
}

/**
 * Sends one request and waits for its answer, for a panic reported in the
 * shared memory, or for a timeout, whichever comes first. Anything but an
 * answer ends the owner; the next request starts a fresh one. A pool whose
 * workers did not start is tried once more, on a fresh owner.
 * @param {ToOwner} request
 * @returns {Promise<FromOwner>}
 */
async function ask(request) {
  try {
    return await askOwner(request);
  } catch (cause) {
    if (!(cause instanceof StartTimeout)) throw cause;
    setStatus('running', `${cause.message}; trying once more with a fresh owner and pool…`);
    return await askOwner(request);
  }
}

class StartTimeout extends Error {}

/**
 * One request to the current owner. The owner's own timers cannot help once
 * it blocks (in the render, or in a `new Worker` call that never returns), so
 * the page times both parts: getting the pool running, and the render.
 * @param {ToOwner} request
 * @returns {Promise<FromOwner>}
 */
async function askOwner(request) {
  owner ??= startOwner();
  const current = owner;
  let over = false;
  try {
    const ready = await withTimeout(current.ready, READY_TIMEOUT_MS, new Error('the module did not load in time'));
    /** @type {() => void} */
    let began = () => {};
    const rendering = new Promise((resolve) => {
      began = () => resolve(undefined);
    });
    /** @type {Promise<FromOwner>} */
    const answer = new Promise((resolve, reject) => {
      pending = { rendering: began, resolve, reject };
      current.worker.postMessage(request);
    });
    await withTimeout(
      Promise.race([rendering, answer]),
      START_TIMEOUT_MS,
      new StartTimeout(`the pool’s workers did not start within ${START_TIMEOUT_MS / 1000} s`),
    );
    return await withTimeout(
      Promise.race([answer, panicReported(ready, () => over)]),
      RENDER_TIMEOUT_MS,
      new Error(`the render took longer than ${RENDER_TIMEOUT_MS / 1000} s`),
    );
  } catch (cause) {
    endOwner(current);
    throw cause;
  } finally {
    over = true;
  }
}
// ANCHOR_END: owner

// ANCHOR: panic
/**
 * Rejects with the message once a pool thread has panicked. The owner cannot
 * say so: it is blocked waiting for the rows the dead thread will never
 * finish. So the panic hook writes the message into the shared memory, and
 * the page waits on that address with `Atomics.waitAsync`, as stage 3 waits
 * for its workers (every 50 ms where `waitAsync` is missing).
 * @param {Ready} ready
 * @param {() => boolean} isOver stops the watch once the request has ended
 * @returns {Promise<never>}
 */
async function panicReported({ memory, panicReport }, isOver) {
  const index = panicReport / Int32Array.BYTES_PER_ELEMENT;
  while (!isOver()) {
    const flags = new Int32Array(memory.buffer);
    if (Atomics.load(flags, index) !== 0) {
      const [, start, length] = new Uint32Array(memory.buffer, panicReport, 3);
      // TextDecoder does not read shared memory: copy the bytes out first.
      throw new Error(new TextDecoder().decode(new Uint8Array(memory.buffer, start, length).slice()));
    }
    if (typeof Atomics.waitAsync === 'function') {
      const wait = Atomics.waitAsync(flags, index, 0, 1000);
      if (wait.async) await wait.value;
    } else {
      await delay(50);
    }
  }
  return new Promise(() => {}); // the request ended some other way: never settles
}
// ANCHOR_END: panic

/** @type {Ready['limits'] | undefined} */
let limits;
/** Set while "Measure speedup" runs; Cancel sets `cancelled`. */
/** @type {{ cancelled: boolean } | undefined} */
let measuring;

async function main() {
  const missing = checkCapabilities().filter((capability) => capability.required && !capability.ok);
  if (missing.length > 0) {
    setStatus('unsupported', 'This demo cannot run here.');
    const reasons = missing.map((capability) => capability.detail).join('; ');
    showRunError(`Not available: ${reasons}. Serve the page with the headers in netlify.toml (\`npm start\` does).`, missing[0].anchor);
    find('[data-hint]').textContent = '';
    return;
  }
  owner = startOwner();
  let ready;
  try {
    ready = await withTimeout(owner.ready, READY_TIMEOUT_MS, new Error('the module did not load in time'));
  } catch (cause) {
    setStatus('failed', 'The wasm module did not load.');
    showRunError(`${errorMessage(cause)}. Run \`npm start\`, which builds demos/04-thread-pool/pkg/ first.`, 'wrong-mime-type-for-wasm');
    return;
  }
  limits = ready.limits;
  for (const name of SETTINGS) field(name).value = String(limits[name].default);
  field('threads').value = String(Math.min(Math.max(navigator.hardwareConcurrency || 1, 1), limits.threads.max));
  // The hint ships with these numbers already in it, so that the page does not
  // move when the module loads; they are filled in again from their sources
  // all the same, so that the hint can never disagree with the checks.
  for (const name of /** @type {SettingName[]} */ (['threads', 'width', 'iterations'])) {
    find(`[data-range="${name}"]`).textContent = `${limits[name].min}–${limits[name].max}`;
  }
  find('[data-measure-repeats]').textContent = String(MEASURE_REPEATS);
  setBusy(false);
  setStatus('ready', 'Ready.');
}

/** 1 … min(cores, the largest thread count allowed). */
function measuredThreads() {
  return Math.min(Math.max(navigator.hardwareConcurrency || 1, 1), limits?.threads.max ?? 1);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (renderButton.disabled) return;
  setBusy(true);
  await renderAndShow(readSettings());
  setBusy(false);
});

measureButton.addEventListener('click', async () => {
  if (measureButton.disabled) return;
  setBusy(true);
  await measure();
  setBusy(false);
});

cancelButton.addEventListener('click', () => {
  if (!measuring) return;
  measuring.cancelled = true;
  measureStatus.textContent = 'Cancelling after the render in progress…';
});

/** @returns {Record<SettingName, string>} */
function readSettings() {
  return /** @type {Record<SettingName, string>} */ (Object.fromEntries(SETTINGS.map((name) => [name, field(name).value])));
}

// ANCHOR: render
/**
 * One render, start to finish: refused settings are marked next to their
 * fields; a failure is shown and the owner replaced; a result is drawn.
 * @param {Record<SettingName, string>} settings
 * @returns {Promise<Rendered | undefined>}
 */
async function renderAndShow(settings) {
  runError.replaceChildren();
  setStatus('running', `Rendering on ${settings.threads.trim()} thread${settings.threads.trim() === '1' ? '' : 's'}…`);
  /** @type {ToOwner} */
  const request = { type: 'render', settings, failingRow: Number.isNaN(failingRow) ? undefined : failingRow };
  failingRow = Number.NaN;
  let answer;
  try {
    answer = await ask(request);
  } catch (cause) {
    setStatus('failed', 'The render failed. Its pool was stopped; the next render starts a fresh one.');
    showRunError(errorMessage(cause), 'a-worker-failed-or-panicked');
    cell('pool-workers').textContent = '0 (the owner and its pool were ended)';
    return undefined;
  }
  showFieldErrors(answer.type === 'refused' ? answer.errors : {});
  if (answer.type === 'refused') {
    setStatus('refused', 'Nothing was rendered: correct the settings marked above.');
    return undefined;
  }
  if (answer.type !== 'rendered') {
    if (owner) endOwner(owner); // whatever failed, the next render starts afresh
    setStatus('failed', 'The render failed. Its pool was stopped; the next render starts a fresh one.');
    showRunError(answer.type === 'failed' ? answer.message : `unexpected answer “${answer.type}”`);
    return undefined;
  }
  show(answer);
  return answer;
}
// ANCHOR_END: render

/** @param {Rendered} result */
function show(result) {
  const { width, height, threads, ms, checksum, referenceChecksum } = result;
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(result.pixels), width, height), 0, 0);
  canvas.setAttribute('aria-label', `The Mandelbrot set, ${width} × ${height} pixels, rendered on ${threads} thread${threads === 1 ? '' : 's'}.`);
  const hex = (/** @type {number} */ n) => `0x${n.toString(16).padStart(8, '0')}`;
  cell('threads').textContent = String(threads);
  cell('ms').textContent = `${ms.toFixed(1)} ms`;
  cell('ms').dataset.ms = String(ms);
  cell('checksum').textContent = hex(checksum);
  cell('checksum').dataset.checksum = String(checksum);
  const same = checksum === referenceChecksum;
  cell('matches').textContent = same ? `yes (${hex(referenceChecksum)})` : `NO: one thread gives ${hex(referenceChecksum)}`;
  cell('matches').dataset.matches = String(same);
  cell('pool-workers').textContent = String(result.poolWorkers);
  cell('pool-workers').dataset.count = String(result.poolWorkers);
  cell('memory-bytes').textContent = `${(result.memoryBytes / 2 ** 20).toFixed(2)} MiB (memory.buffer.byteLength)`;
  cell('memory-bytes').dataset.bytes = String(result.memoryBytes);
  setStatus(
    'done',
    `Rendered ${width} × ${height} at ${result.iterations} iterations on ${threads} thread${threads === 1 ? '' : 's'} in ${ms.toFixed(1)} ms; ` +
      (same ? 'the same pixels as one thread.' : 'the pixels DIFFER from one thread’s.'),
  );
}

// ANCHOR: measure
/** Renders with 1 … N threads, MEASURE_REPEATS times each, and charts S(N) = T(1) / T(N). */
async function measure() {
  const cap = measuredThreads();
  const settings = readSettings(); // fixed for the whole measurement
  measuring = { cancelled: false };
  const thisMeasurement = measuring;
  measureResults.hidden = false;
  cancelButton.hidden = false;
  progress.max = cap * MEASURE_REPEATS;
  progress.value = 0;
  /** @type {number[][]} every run's time, by thread count - 1 */
  const times = [];
  showMeasurements(times, cap);
  try {
    for (let n = 1; n <= cap && !thisMeasurement.cancelled; n++) {
      /** @type {number[]} */
      const runs = [];
      for (let run = 1; run <= MEASURE_REPEATS && !thisMeasurement.cancelled; run++) {
        measureStatus.textContent = `Measuring ${n} of ${cap} thread${cap === 1 ? '' : 's'}, run ${run} of ${MEASURE_REPEATS}…`;
        const result = await renderAndShow({ ...settings, threads: String(n) });
        if (!result) {
          measureStatus.textContent = 'Stopped: see the message above.';
          return;
        }
        runs.push(result.ms);
        progress.value += 1;
      }
      if (runs.length === MEASURE_REPEATS) {
        times.push(runs);
        showMeasurements(times, cap);
      }
    }
    measureStatus.textContent = thisMeasurement.cancelled
      ? `Cancelled: ${times.length} of ${cap} thread counts measured.`
      : `Measured 1 to ${cap} thread${cap === 1 ? '' : 's'}, median of ${MEASURE_REPEATS} renders each.`;
  } finally {
    measuring = undefined;
    cancelButton.hidden = true;
  }
}
// ANCHOR_END: measure

/**
 * The table of raw times and the chart, from the thread counts measured so far.
 * @param {number[][]} times
 * @param {number} cap
 */
function showMeasurements(times, cap) {
  const medians = times.map(median);
  const speedups = medians.map((ms) => medians[0] / ms);
  timesBody.replaceChildren(
    ...times.map((runs, i) => {
      const row = document.createElement('tr');
      row.dataset.threads = String(i + 1);
      for (const text of [String(i + 1), medians[i].toFixed(1), speedups[i].toFixed(2), runs.map((ms) => ms.toFixed(1)).join(', ')]) {
        const data = document.createElement('td');
        data.textContent = text;
        row.append(data);
      }
      return row;
    }),
  );
  drawChart(speedups, cap);
}

// ANCHOR: chart
/**
 * S(N) against N as an SVG line, with the ideal S(N) = N dashed behind it.
 * @param {number[]} speedups S(1), S(2), … as measured
 * @param {number} cap the largest N
 */
function drawChart(speedups, cap) {
  const [width, height] = [320, 240];
  const pad = { left: 36, right: 12, top: 12, bottom: 40 };
  const lastN = Math.max(cap, 2);
  const top = Math.ceil(Math.max(lastN, ...speedups));
  const x = (/** @type {number} */ n) => pad.left + ((n - 1) / (lastN - 1)) * (width - pad.left - pad.right);
  const y = (/** @type {number} */ s) => height - pad.bottom - (s / top) * (height - pad.top - pad.bottom);
  const title = /** @type {Element} */ (chart.querySelector('title'));
  const desc = /** @type {Element} */ (chart.querySelector('desc'));
  desc.textContent = speedups.length
    ? `Measured: ${speedups.map((s, i) => `N = ${i + 1}, S = ${s.toFixed(2)}`).join('; ')}. Ideal: S(N) = N.`
    : 'No measurement yet.';
  /** @type {SVGElement[]} */
  const parts = [];
  const add = (/** @type {string} */ tag, /** @type {Record<string, string | number>} */ attributes, text = '') => {
    const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
    element.textContent = text;
    parts.push(element);
    return element;
  };
  // Axes, with a tick and label for every N (every other one past 8) and every whole S.
  add('line', { class: 'axis', x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0) });
  add('line', { class: 'axis', x1: pad.left, y1: y(0), x2: pad.left, y2: pad.top });
  for (let n = 1; n <= lastN; n++) {
    if (lastN > 8 && n % 2 === 0) continue;
    add('text', { class: 'tick', x: x(n), y: y(0) + 14, 'text-anchor': 'middle' }, String(n));
  }
  const step = top > 8 ? 2 : 1;
  for (let s = 0; s <= top; s += step) {
    add('line', { class: 'grid', x1: pad.left, y1: y(s), x2: width - pad.right, y2: y(s) });
    add('text', { class: 'tick', x: pad.left - 6, y: y(s) + 4, 'text-anchor': 'end' }, String(s));
  }
  add('text', { class: 'label', x: (pad.left + width - pad.right) / 2, y: height - 8, 'text-anchor': 'middle' }, 'threads N');
  add('text', { class: 'label', x: pad.left + 4, y: pad.top + 10 }, 'S(N)');
  add('line', { class: 'ideal', x1: x(1), y1: y(1), x2: x(lastN), y2: y(lastN) });
  add('text', { class: 'tick', x: x(lastN) - 4, y: y(lastN) + 14, 'text-anchor': 'end' }, 'ideal');
  if (speedups.length > 1) {
    add('polyline', { class: 'measured', points: speedups.map((s, i) => `${x(i + 1)},${y(s)}`).join(' ') });
  }
  speedups.forEach((s, i) => {
    const point = add('circle', { class: 'point', cx: x(i + 1), cy: y(s), r: 4, 'data-threads': i + 1, 'data-speedup': s });
    const tip = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    tip.textContent = `N = ${i + 1}: S = ${s.toFixed(2)}`;
    point.append(tip);
  });
  chart.replaceChildren(title, desc, ...parts);
}
// ANCHOR_END: chart

/** @param {Partial<Record<SettingName, string>>} errors */
function showFieldErrors(errors) {
  for (const name of SETTINGS) {
    const input = field(name);
    const error = find(`[data-error-for="${name}"]`);
    const message = errors[name];
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = `“${input.value}” was not used: ${message}`;
    } else {
      input.removeAttribute('aria-invalid');
      error.textContent = '';
    }
  }
  const first = SETTINGS.find((name) => errors[name]);
  if (first) field(first).focus();
}

/** @param {boolean} busy */
function setBusy(busy) {
  renderButton.disabled = busy;
  measureButton.disabled = busy;
}

/** @param {string} name */
const cell = (name) => find(`[data-${name}]`);

/** @param {string} state @param {string} text */
function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

/** @param {string} message @param {string} [anchor] a section of the Troubleshooting page */
function showRunError(message, anchor) {
  runError.textContent = message;
  if (anchor) {
    const link = document.createElement('a');
    link.href = `${TROUBLESHOOTING}#${anchor}`;
    link.textContent = 'How to fix this';
    runError.append(' ', link);
  }
}

/** @param {number[]} values */
const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * @template T
 * @param {Promise<T>} promise @param {number} ms @param {Error} error what it rejects with after `ms`
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, error) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(error), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}

/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {unknown} cause */
function errorMessage(cause) {
  return cause instanceof Error ? cause.message : String(cause);
}

main();
