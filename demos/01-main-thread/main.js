// @ts-check
// Stage 1: load the module on the main thread, then call Rust like any function.
import init, { greet } from './pkg/main_thread.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('main-thread-demo'));
const nameField = /** @type {HTMLInputElement} */ (form.elements.namedItem('name'));
const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
const status = /** @type {HTMLElement} */ (form.querySelector('.status'));
const error = /** @type {HTMLElement} */ (form.querySelector('.error'));
const result = /** @type {HTMLOutputElement} */ (form.querySelector('output'));

// ANCHOR: load
try {
  // Fetches and instantiates pkg/main_thread_bg.wasm, next to the glue.
  await init();
  button.disabled = false;
  status.textContent = 'Ready: the module runs on this page’s main thread.';
} catch (cause) {
  status.textContent = '';
  error.textContent = `The wasm module did not load: ${cause}. Run \`npm start\` from the repository root, which builds it first.`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  result.textContent = greet(nameField.value);
});
// ANCHOR_END: load
