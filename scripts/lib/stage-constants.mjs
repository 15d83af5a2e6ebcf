// A stage's numbers, from its crate. A crate that exports `constants()` has
// them read into pkg/constants.json right after its build (build-wasm.mjs),
// for what cannot call the module itself: the demo's HTML as the site serves
// it, the tutorial text and the tests. The page reads the same from the module.
//
// Paths are taken from the working directory, the repository's root, because
// Astro bundles this file (as it does site/src/lib/source-files.ts).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { constantAt, formatConstant } from '../../demos/shared/constants.js';

/** @param {string} slug e.g. `04-thread-pool` */
export const constantsFile = (slug) => path.resolve('demos', slug, 'pkg', 'constants.json');

/**
 * The stage's constants, or {} for a stage whose crate has none.
 * @param {string} slug
 * @returns {Record<string, any>}
 */
export function readConstants(slug) {
  const file = constantsFile(slug);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/**
 * `html` with every `<span data-const="path">…</span>` filled in, as the page
 * itself fills them (demos/shared/constants.js), so that nothing moves when
 * the module loads.
 * @param {string} html @param {string} slug
 */
export function fillConstants(html, slug) {
  if (!html.includes('data-const=')) return html;
  const constants = readConstants(slug);
  return html.replace(/(<span\s+data-const="([^"]+)"\s*>)[^<]*(<\/span>)/g, (_, open, key, close) => {
    const value = constantAt(constants, key);
    if (value === undefined) throw new Error(`demos/${slug}: no constant “${key}” in its crate's constants() (run \`npm run build:wasm\`)`);
    return `${open}${formatConstant(key, value)}${close}`;
  });
}
