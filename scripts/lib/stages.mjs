// The stages are the folders of rust/ named NN-something: each is a crate, with
// a demo in demos/ of the same name and a page in site/src/content/docs/stages/.
// Adding a stage means adding those folders; nothing lists them by hand.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { repoRoot, rustDir } from './toolchain.mjs';

/**
 * @typedef {object} Stage
 * @property {string} slug the folder name, e.g. "03-shared-memory"
 * @property {string} crate the library's name as wasm-pack writes it, e.g. "shared_memory"
 * @property {boolean} threaded built with atomics and a shared memory (its own .cargo/config.toml)
 * @property {'abort' | 'unwind'} panic what a panic does in its main build: its .cargo/config.toml may say `-C panic=unwind`
 * @property {boolean} fallback also built without atomics, into pkg-single/ (a `single-thread` feature)
 * @property {boolean} unwind also built with `panic = "unwind"`, into pkg-unwind/ (a .cargo/unwind.toml)
 */

/** @type {Stage[]} */
export const STAGES = readdirSync(rustDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
  .map((entry) => entry.name)
  .sort()
  .map((slug) => {
    const manifest = /** @type {{ package: { name: string }, features?: Record<string, string[]> }} */ (
      parse(readFileSync(path.join(rustDir, slug, 'Cargo.toml'), 'utf8'))
    );
    return {
      slug,
      crate: manifest.package.name.replaceAll('-', '_'),
      threaded: existsSync(cargoConfig(slug)),
      panic: panicOf(slug),
      fallback: 'single-thread' in (manifest.features ?? {}),
      unwind: existsSync(unwindConfig(slug)),
    };
  });

/** A threaded crate's own cargo config. @param {string} slug */
function cargoConfig(slug) {
  return path.join(rustDir, slug, '.cargo', 'config.toml');
}

/**
 * The rustflags a threaded crate's cargo config gives the wasm target, as the
 * file lists them (`"-C", "value", …`); none for a crate without one.
 * @param {string} slug @returns {string[]}
 */
export function rustflagsOf(slug) {
  if (!existsSync(cargoConfig(slug))) return [];
  const config = /** @type {{ target?: Record<string, { rustflags?: string[] }> }} */ (parse(readFileSync(cargoConfig(slug), 'utf8')));
  return config.target?.['wasm32-unknown-unknown']?.rustflags ?? [];
}

/** `unwind` if the crate's cargo config passes `-C panic=unwind` to rustc. @param {string} slug @returns {'abort' | 'unwind'} */
function panicOf(slug) {
  return rustflagsOf(slug).includes('panic=unwind') ? 'unwind' : 'abort';
}

/** The cargo config that the unwinding build adds to .cargo/config.toml. @param {string} slug */
function unwindConfig(slug) {
  return path.join(rustDir, slug, '.cargo', 'unwind.toml');
}

/** @param {Stage} stage */
export const crateDir = (stage) => path.join(repoRoot, 'rust', stage.slug);
/** @param {Stage} stage */
export const demoDir = (stage) => path.join(repoRoot, 'demos', stage.slug);
/** wasm-pack's output: next to the demo that imports it. @param {Stage} stage */
export const pkgDir = (stage) => path.join(demoDir(stage), 'pkg');
/** The fallback build's output, beside pkg/. @param {Stage} stage */
export const singlePkgDir = (stage) => path.join(demoDir(stage), 'pkg-single');
/** The unwinding build's output, beside pkg/. @param {Stage} stage */
export const unwindPkgDir = (stage) => path.join(demoDir(stage), 'pkg-unwind');
/** @param {Stage} stage */
export const wasmFile = (stage) => path.join(pkgDir(stage), `${stage.crate}_bg.wasm`);
/** @param {Stage} stage */
export const glueFile = (stage) => path.join(pkgDir(stage), `${stage.crate}.js`);
