// @ts-check
// What the result panel says changed between two renders.

/** @typedef {Extract<import('./pool-client.js').Outcome, { type: 'rendered' }>} Rendered */

/** The settings a reader changes, as the panel names them. */
const CHANGES = /** @type {const} */ ([
  ['threads', 'threads'],
  ['split', 'split'],
  ['minLen', 'k'],
  ['view', 'view'],
  ['width', 'width'],
  ['height', 'height'],
  ['iterations', 'iterations'],
]);

/**
 * What differs between the last render and this one, in words: "split rows →
 * bands", or that nothing did. The first render has nothing to compare with.
 * @param {Rendered | undefined} before @param {Rendered} now
 */
export function describeChange(before, now) {
  if (!before) return 'first render';
  const changed = CHANGES.filter(([key]) => before[key] !== now[key]).map(([key, name]) => `${name} ${before[key]} → ${now[key]}`);
  return changed.length > 0 ? changed.join(', ') : 'nothing: the same settings again';
}
