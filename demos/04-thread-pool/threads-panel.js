// @ts-check
// What the page shows of the threads after a render: each thread's lane
// (lanes.js), and the rows tinted by thread (tint.js) when the reader asks.
import { showLanes } from './lanes.js';
import { drawTint } from './tint.js';

/** @typedef {Extract<import('./pool-client.js').Outcome, { type: 'rendered' }>} Rendered */

const form = /** @type {HTMLFormElement} */ (document.getElementById('thread-pool-demo'));
/** @param {string} selector */
const find = (selector) => /** @type {HTMLElement} */ (form.querySelector(selector));
const lanes = find('[data-lanes]');
const overlay = /** @type {HTMLCanvasElement} */ (find('[data-tint]'));
const legend = find('[data-tint-legend]');
const note = find('[data-tint-note]');
const tintBox = /** @type {HTMLInputElement} */ (form.elements.namedItem('tint'));

/** Whether the last render drew a tint: the fallback's has no pool, so none. */
let tinted = false;

tintBox.addEventListener('change', showTint);

/** The tint and its legend, shown while the box is checked; a box checked before a render waits for it. */
function showTint() {
  overlay.hidden = !tintBox.checked || !tinted;
  legend.hidden = overlay.hidden;
}

/**
 * Draws the threads of `result`: its timeline and the tint, or says why there
 * are none (the fallback has one thread and no pool).
 * @param {Rendered} result
 */
export function showThreads(result) {
  const { timeline } = result;
  tinted = timeline !== undefined;
  if (!timeline) {
    lanes.replaceChildren(Object.assign(document.createElement('p'), { className: 'hint', textContent: 'No pool, so no timeline: this render ran on one thread.' }));
    note.textContent = 'No tint: one thread drew every row.';
  } else {
    showLanes(lanes, timeline);
    drawTint({ overlay, legend }, timeline, result);
    note.textContent = 'The tint is drawn on a second canvas over the image; the pixels and their checksum stay the render’s.';
  }
  showTint();
}
