// @ts-check
// A stage's numbers come from its crate (`constants()`); the HTML marks where
// each is shown with `data-const="path.to.it"`. The build writes them in
// (scripts/lib/stage-constants.mjs), so nothing moves when the module loads;
// the page writes them again from the module, for copies not served by our build.

/**
 * The value at a dotted path, e.g. `threads.max`, or undefined.
 * @param {unknown} constants @param {string} path
 * @returns {unknown}
 */
export function constantAt(constants, path) {
  return path.split('.').reduce((value, key) => (value && typeof value === 'object' ? /** @type {Record<string, unknown>} */ (value)[key] : undefined), constants);
}

/** How a constant reads on the page: MiB for byte counts, digits otherwise. @param {string} path @param {unknown} value */
export function formatConstant(path, value) {
  if (typeof value !== 'number') throw new TypeError(`no number at “${path}”`);
  return /Bytes$/.test(path) ? String(value / 2 ** 20) : String(value);
}

/** Fills every `[data-const]` element under `root`. @param {ParentNode} root @param {unknown} constants */
export function showConstants(root, constants) {
  for (const element of root.querySelectorAll('[data-const]')) {
    const path = /** @type {HTMLElement} */ (element).dataset.const ?? '';
    element.textContent = formatConstant(path, constantAt(constants, path));
  }
}
