// @ts-check
// Stage 2: the page starts one module worker and talks to it by messages.

/** @typedef {import('./messages').ToWorker} ToWorker */
/** @typedef {import('./messages').FromWorker} FromWorker */

/** How long a worker may take to load its module before the page calls it a failure. */
const START_TIMEOUT_MS = 5000;

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
    fail(`the worker script failed to load${event.message ? `: ${event.message}` : ''}`);
  });
  const wasmUrl = simulateMissingWasm ? new URL('./pkg/missing.wasm', import.meta.url).href : undefined;
  send({ type: 'init', wasmUrl });

  const thisWorker = worker;
  setTimeout(() => {
    if (thisWorker === worker && status.dataset.state === 'starting') {
      fail(`the worker did not answer within ${START_TIMEOUT_MS / 1000} seconds`);
    }
  }, START_TIMEOUT_MS);
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
      if (item) item.textContent = `${message.text} (answered by thread: ${message.thread})`;
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
  error.textContent = `The worker failed: ${reason}. Check that \`npm start\` built the wasm (demos/02-single-worker/pkg/), then restart the worker.`;
  restartButton.hidden = false;
  for (const item of pending.values()) item.textContent = 'Not answered: the worker failed.';
  pending.clear();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (status.dataset.state === 'failed') return;
  const id = nextId++;
  const item = document.createElement('li');
  item.textContent = status.dataset.state === 'ready' ? 'Waiting for the worker…' : 'Queued until the worker is ready…';
  answers.prepend(item);
  pending.set(id, item);
  send({ type: 'greet', id, name: nameField.value });
});

restartButton.addEventListener('click', () => {
  restartButton.hidden = true;
  error.textContent = '';
  startWorker();
});

startWorker();
