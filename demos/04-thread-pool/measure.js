// @ts-check
// "Measure speedup": the same image with 1, 2, … N threads, a few renders
// each, and the speedup S(N) = T(1) / T(N) from their medians. It renders
// through a function it is given and shows nothing itself.
import { median } from '../shared/timing.js';

/** Renders per thread count; the median is used. */
export const MEASURE_REPEATS = 3;

/**
 * @typedef {object} Measurement
 * @property {number[][]} times every render's ms, by thread count - 1 (complete counts only)
 * @property {'done' | 'cancelled' | 'failed'} outcome
 */

// ANCHOR: measure
/**
 * Renders with 1 … `cap` threads, MEASURE_REPEATS times each. Cancelling
 * takes effect after the render in progress.
 * @param {object} options
 * @param {number} options.cap
 * @param {(threads: number) => Promise<number | undefined>} options.render one render's ms, or undefined if it failed
 * @param {{ cancelled: boolean }} options.control
 * @param {(threads: number, run: number) => void} options.onRender before each render
 * @param {(times: number[][]) => void} options.onCount after each complete thread count
 * @returns {Promise<Measurement>}
 */
export async function measure({ cap, render, control, onRender, onCount }) {
  /** @type {number[][]} */
  const times = [];
  for (let threads = 1; threads <= cap && !control.cancelled; threads++) {
    /** @type {number[]} */
    const runs = [];
    for (let run = 1; run <= MEASURE_REPEATS && !control.cancelled; run++) {
      onRender(threads, run);
      const ms = await render(threads);
      if (ms === undefined) return { times, outcome: 'failed' };
      runs.push(ms);
    }
    if (runs.length < MEASURE_REPEATS) break;
    times.push(runs);
    onCount(times);
  }
  return { times, outcome: control.cancelled ? 'cancelled' : 'done' };
}
// ANCHOR_END: measure

/**
 * Each thread count's median and S(N) = T(1) / T(N).
 * @param {number[][]} times @returns {{ medians: number[], speedups: number[] }}
 */
export function speedups(times) {
  const medians = times.map(median);
  return { medians, speedups: medians.map((ms) => medians[0] / ms) };
}
