// @ts-check
// How many threads a demo starts with: one per logical core, within its limit.

/**
 * `navigator.hardwareConcurrency`, at least 1 (a browser may not report it) and at most `max`.
 * @param {number} max @param {number | undefined} [cores]
 */
export function defaultThreadCount(max, cores = globalThis.navigator?.hardwareConcurrency) {
  return Math.min(Math.max(Math.floor(cores || 1), 1), max);
}
