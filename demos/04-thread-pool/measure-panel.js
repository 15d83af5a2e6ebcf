// @ts-check
// The "Measure speedup" panel: its progress, status, table and chart, while
// measure.js renders every thread count through the function it is given.
import { drawChart } from './chart.js';
import { MEASURE_REPEATS, measure, speedups } from './measure.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('thread-pool-demo'));
/** @param {string} selector */
const find = (selector) => /** @type {HTMLElement} */ (form.querySelector(selector));
const cancelButton = /** @type {HTMLButtonElement} */ (find('[data-cancel]'));
const measureResults = find('[data-measure-results]');
const progress = /** @type {HTMLProgressElement} */ (find('[data-progress]'));
const measureStatus = find('[data-measure-status]');
const chart = /** @type {SVGSVGElement} */ (/** @type {unknown} */ (find('[data-chart]')));
const timesBody = /** @type {HTMLTableSectionElement} */ (find('[data-times] tbody'));

/** Set while a measurement runs; Cancel sets `cancelled`. */
/** @type {{ cancelled: boolean } | undefined} */
let measuring;

cancelButton.addEventListener('click', () => {
  if (!measuring) return;
  measuring.cancelled = true;
  measureStatus.textContent = 'Cancelling after the render in progress…';
});

/**
 * Measures 1 … `cap` threads and shows the progress, the table and the chart.
 * @param {number} cap @param {(threads: number) => Promise<number | undefined>} render one render's ms, or undefined if it failed
 */
export async function measureAndShow(cap, render) {
  const control = { cancelled: false };
  measuring = control;
  measureResults.hidden = false;
  cancelButton.hidden = false;
  progress.max = cap * MEASURE_REPEATS;
  progress.value = 0;
  showMeasurements([], cap);
  try {
    const { times, outcome } = await measure({
      cap,
      control,
      render,
      onRender: (threads, run) => {
        progress.value = (threads - 1) * MEASURE_REPEATS + run - 1;
        if (!control.cancelled) measureStatus.textContent = `Measuring ${threads} of ${cap} thread${cap === 1 ? '' : 's'}, run ${run} of ${MEASURE_REPEATS}…`;
      },
      onCount: (times) => {
        progress.value = times.length * MEASURE_REPEATS;
        showMeasurements(times, cap);
      },
    });
    measureStatus.textContent = {
      done: `Measured 1 to ${cap} thread${cap === 1 ? '' : 's'}, median of ${MEASURE_REPEATS} renders each.`,
      cancelled: `Cancelled: ${times.length} of ${cap} thread counts measured.`,
      failed: 'Stopped: see the message above.',
    }[outcome];
  } finally {
    measuring = undefined;
    cancelButton.hidden = true;
  }
}

/**
 * The table of raw times and the chart, from the thread counts measured so far.
 * @param {number[][]} times @param {number} cap
 */
function showMeasurements(times, cap) {
  const { medians, speedups: measured } = speedups(times);
  timesBody.replaceChildren(
    ...times.map((runs, i) => {
      const row = document.createElement('tr');
      row.dataset.threads = String(i + 1);
      for (const text of [String(i + 1), medians[i].toFixed(1), measured[i].toFixed(2), runs.map((ms) => ms.toFixed(1)).join(', ')]) {
        row.append(Object.assign(document.createElement('td'), { textContent: text }));
      }
      return row;
    }),
  );
  drawChart(chart, measured, cap);
}
