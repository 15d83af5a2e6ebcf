// @ts-check
// Stage 1: load the module on the main thread, then call Rust like any function.
import init, { greet, maxNameChars } from './pkg/main_thread.js';

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
  nameField.maxLength = maxNameChars();
  button.disabled = false;
  status.textContent = 'Ready: the module runs on this page’s main thread.';
} catch (cause) {
  status.textContent = '';
  error.textContent = `The demo could not load its WebAssembly module (${cause}). Check your connection and reload the page.`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    result.textContent = greet(nameField.value);
    error.textContent = '';
    nameField.removeAttribute('aria-invalid');
  } catch (refusal) {
    // Rust's `Err(String)` arrives here as the thrown string.
    error.textContent = String(refusal);
    result.textContent = '';
    nameField.setAttribute('aria-invalid', 'true');
  }
});
// ANCHOR_END: load
