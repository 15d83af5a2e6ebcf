// @ts-check
// Waiting with a way out, and the statistics the demos report.

/**
 * `promise`, or a rejection with `error` once `ms` have passed, whichever comes first.
 * @template T
 * @param {Promise<T>} promise @param {number} ms @param {Error} error
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, error) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(error), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}

/** Resolves after `ms`. @param {number} ms */
export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The middle value (the upper middle one of an even count). @param {number[]} values */
export function median(values) {
  if (values.length === 0) throw new RangeError('the median of no values');
  return values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
}
