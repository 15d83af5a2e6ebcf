// @ts-check
// What the owner (threaded build) and the fallback worker (pkg-single/) both
// do around a render, given their build's exports: read the settings with
// Rust, and time the plain loop once per size for the checksum to compare with.
import { errorMessage } from '../shared/errors.js';

/** @typedef {import('./messages').SettingName} SettingName */
/** @typedef {import('./messages').ChoiceName} ChoiceName */
/** @typedef {import('./messages').Settings} Settings */
/** @typedef {{ renderSequential(): void, checksum(): number, free(): void }} PlainImage */

/**
 * Each named setting as Rust read it (a number, or a switch's name), or why it was refused.
 * @template {SettingName | ChoiceName} N @template V
 * @param {(name: string, text: string) => V} parseSetting the crate's export (parseSetting or parseChoice)
 * @param {N[]} names @param {Settings} settings as typed or chosen
 */
export function readSettings(parseSetting, names, settings) {
  /** @type {Partial<Record<N, V>>} */
  const values = {};
  /** @type {Partial<Record<N, string>>} */
  const errors = {};
  for (const name of names) {
    try {
      values[name] = parseSetting(name, settings[name] ?? '');
    } catch (cause) {
      errors[name] = errorMessage(cause);
    }
  }
  return { values, errors };
}

/**
 * Every setting of a render as Rust read it, or all the reasons it refused
 * some; a switch or k left out is its default.
 * @param {{ parseSetting: (name: string, text: string) => number, parseChoice: (name: string, text: string) => string, constants: import('./messages').Constants }} crate the build's exports and constants
 * @param {SettingName[]} numbers the settings this build reads @param {Settings} asked as typed or chosen
 */
export function readRender({ parseSetting, parseChoice, constants }, numbers, asked) {
  const switches = /** @type {ChoiceName[]} */ (Object.keys(constants.choices));
  const defaults = Object.fromEntries([...switches.map((name) => [name, constants.choices[name].default]), ['min-len', String(constants.settings['min-len'].default)]]);
  /** @type {Settings} */
  const settings = { ...defaults, ...asked };
  const read = readSettings(parseSetting, numbers, settings);
  const chosen = readSettings(parseChoice, switches, settings);
  const errors = { ...read.errors, ...chosen.errors };
  const { width = 1, height = 1, iterations = 1, 'min-len': minLen = 1, threads = 1 } = read.values;
  const { split = '', view = '' } = chosen.values;
  return { errors, refused: Object.keys(errors).length > 0, threads, width, height, iterations, minLen, split, view };
}

/**
 * The plain loop's checksum and time for a size and view: rendered the first
 * time it is asked for, then remembered.
 * @param {new (width: number, height: number, iterations: number, view: string) => PlainImage} Image the crate's export
 * @returns {(width: number, height: number, iterations: number, view: string) => { checksum: number, ms: number }}
 */
export function plainRenders(Image) {
  /** @type {Map<string, { checksum: number, ms: number }>} */
  const known = new Map();
  return (width, height, iterations, view) => {
    const key = `${width}×${height}×${iterations} ${view}`;
    let found = known.get(key);
    if (!found) {
      const image = new Image(width, height, iterations, view);
      const start = performance.now();
      image.renderSequential();
      found = { ms: performance.now() - start, checksum: image.checksum() };
      image.free();
      known.set(key, found);
    }
    return found;
  };
}
