// @ts-check
// What the owner (threaded build) and the fallback worker (pkg-single/) both
// do around a render, given their build's exports: read the settings with
// Rust, and time the plain loop once per size for the checksum to compare with.
import { errorMessage } from '../shared/errors.js';

/** @typedef {import('./messages').SettingName} SettingName */
/** @typedef {{ renderSequential(): void, checksum(): number, free(): void }} PlainImage */

/**
 * Each named setting as a number, or why it was refused.
 * @param {(name: string, text: string) => number} parseSetting the crate's export
 * @param {SettingName[]} names @param {Record<SettingName, string>} settings as typed
 */
export function readSettings(parseSetting, names, settings) {
  /** @type {Partial<Record<SettingName, number>>} */
  const values = {};
  /** @type {Partial<Record<SettingName, string>>} */
  const errors = {};
  for (const name of names) {
    try {
      values[name] = parseSetting(name, settings[name]);
    } catch (cause) {
      errors[name] = errorMessage(cause);
    }
  }
  return { values, errors };
}

/**
 * The plain loop's checksum and time for a size: rendered the first time it
 * is asked for, then remembered.
 * @param {new (width: number, height: number, iterations: number) => PlainImage} Image the crate's export
 * @returns {(width: number, height: number, iterations: number) => { checksum: number, ms: number }}
 */
export function plainRenders(Image) {
  /** @type {Map<string, { checksum: number, ms: number }>} */
  const known = new Map();
  return (width, height, iterations) => {
    const key = `${width}×${height}×${iterations}`;
    let found = known.get(key);
    if (!found) {
      const image = new Image(width, height, iterations);
      const start = performance.now();
      image.renderSequential();
      found = { ms: performance.now() - start, checksum: image.checksum() };
      image.free();
      known.set(key, found);
    }
    return found;
  };
}
