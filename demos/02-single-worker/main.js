// @ts-check
// Stage 2: the page starts one module worker and talks to it by messages.

/** @typedef {import('./messages').ToWorker} ToWorker */
/** @typedef {import('./messages').FromWorker} FromWorker */

/** After this long without `ready`, the status says the module is still on its way (a slow network is not an error). */
const SLOW_START_MS = 3000;
/** The answer list keeps the newest this many. */
const MAX_ANSWERS = 20;

const form = /** @type {HTMLFormElement} */ (document.getElementById('single-worker-demo'));
const nameField = /** @type {HTMLInputElement} */ (form.elements.namedItem('name'));
const status = /** @type {HTMLElement} */ (form.querySelector('.status'));
const error = /** @type {HTMLElement} */ (form.querySelector('.error'));
const restartButton = /** @type {HTMLButtonElement} */ (form.querySelector('[data-action="restart"]'));
const answers = /** @type {HTMLOListElement} */ (form.querySelector('.answers'));

// `?simulate=missing-wasm` points the worker at a wasm file that does not
// exist, so the failure path can be seen (and is tested).
const simulateMissingWasm = new URLSearchParams(location.search).get('simulate') === 'missing-wasm';

/** Answers still awaited, by request id. */
const pending = new Map();
let nextId = 1;
/** @type {Worker} */
let worker;

// ANCHOR: start
function startWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'stage-2-worker' });
  worker.addEventListener('message', (/** @type {MessageEvent<FromWorker>} */ event) => handle(event.data));
  // Fires when worker.js itself cannot load or throws while loading (a 404, a syntax error).
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(`its script did not load${event.message ? ` (${event.message})` : ''}`);
  });
  const wasmUrl = simulateMissingWasm ? new URL('./pkg/missing.wasm', import.meta.url).href : undefined;
  send({ type: 'init', wasmUrl });

  // No time limit: a failed fetch or compile arrives as an `error` message,
  // so a slow start only changes what the status says.
  const thisWorker = worker;
  setTimeout(() => {
    if (thisWorker === worker && status.dataset.state === 'starting') {
      setState('starting', 'Still loading the wasm module: the connection is slow…');
    }
  }, SLOW_START_MS);
  setState('starting', 'Starting the worker…');
}

/** @param {ToWorker} message */
function send(message) {
  // Safe before the worker has loaded: the browser queues the message.
  worker.postMessage(message);
}
// ANCHOR_END: start

// ANCHOR: handle
/** @param {FromWorker} message */
function handle(message) {
  switch (message.type) {
    case 'ready':
      setState('ready', `Ready: the module runs in the worker named “${message.thread}”.`);
      break;
    case 'greeting': {
      const item = pending.get(message.id);
      pending.delete(message.id);
      if (item) item.textContent = message.text;
      break;
    }
    case 'error':
      fail(message.message);
      break;
  }
}
// ANCHOR_END: handle

/** @param {string} state @param {string} text */
function setState(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

/** @param {string} reason */
function fail(reason) {
  if (status.dataset.state === 'failed') return;
  worker.terminate();
  setState('failed', 'The worker stopped.');
  error.textContent = `The worker failed: ${reason}. Restart it to try again; if it fails again, check your connection.`;
  restartButton.hidden = false;
  for (const item of pending.values()) item.textContent = 'Not answered: the worker stopped.';
  pending.clear();
}

/** Adds an answer at the top of the list, numbered by request, and drops the oldest past MAX_ANSWERS. */
function addAnswer(/** @type {number} */ id, /** @type {string} */ text) {
  const item = document.createElement('li');
  item.value = id;
  item.textContent = text;
  answers.prepend(item);
  while (answers.children.length > MAX_ANSWERS) answers.lastElementChild?.remove();
  return item;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const id = nextId++;
  if (status.dataset.state === 'failed') {
    addAnswer(id, 'Not sent: the worker has stopped. Restart it first.');
    return;
  }
  const waiting = status.dataset.state === 'ready' ? 'Waiting for the worker…' : 'Queued until the worker is ready…';
  pending.set(id, addAnswer(id, waiting));
  send({ type: 'greet', id, name: nameField.value });
});

restartButton.addEventListener('click', () => {
  // The button hides itself: give focus to the field first, so keyboard users keep their place.
  nameField.focus();
  restartButton.hidden = true;
  error.textContent = '';
  startWorker();
});

startWorker();
