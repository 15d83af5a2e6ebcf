// What the rows of site/src/data/flag-errors.json depend on: the threaded
// crate's compile_error! text, the wasm-pack call `npm run flags` makes, the
// rustflags it leaves out one at a time, the wasm-opt flags it leaves out, and
// the pinned toolchain versions. `npm run flags` stores them beside its rows;
// tests/build/flag-errors.spec.ts compares them with today's files, so a
// reworded message or a new pin fails `npm test` instead of leaving the Build
// flags table silently out of date. Cheap: reads files, runs nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { crateDir } from './stages.mjs';
import { threadedStage, threadsRustflags } from './threads-flags.mjs';
import { WASM_PACK_VERSION, repoRoot, rustDir, toolchainFor, wasmBindgenVersion } from './toolchain.mjs';

/**
 * The wasm-pack arguments `npm run flags` builds each variant with.
 * @param {{ target?: string, outDir: string, buildStd?: boolean }} options
 */
export function flagBuildArgs({ target = 'web', outDir, buildStd = true }) {
  const args = ['build', '.', '--target', target, '--release', '--no-pack', '--no-opt', '--mode', 'force', '--out-dir', outDir];
  if (buildStd) args.push('--', '-Z', 'build-std=std,panic_abort');
  return args;
}

/** The message of the threaded crate's compile_error!, as rustc prints it (line continuations joined). */
export function compileErrorText(stage = threadedStage) {
  const source = readFileSync(path.join(crateDir(stage), 'src', 'lib.rs'), 'utf8');
  const literal = /compile_error!\(\s*"((?:[^"\\]|\\.)*)"\s*\)/s.exec(source)?.[1];
  if (literal === undefined) throw new Error(`${stage.slug}/src/lib.rs: no compile_error!("…")`);
  return literal.replace(/\\\n\s*/g, '').replace(/\\(["\\])/g, '$1');
}

/** The wasm-opt arguments of the threaded crate's Cargo.toml, which the wasm-opt row leaves out one at a time. */
export function wasmOptFlags(stage = threadedStage) {
  const manifest = parse(readFileSync(path.join(crateDir(stage), 'Cargo.toml'), 'utf8'));
  return /** @type {string[]} */ (manifest.package.metadata['wasm-pack'].profile.release['wasm-opt']);
}

/** Everything the recorded rows depend on, from today's files. */
export function flagInputs() {
  const binaryen = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).devDependencies.binaryen;
  return {
    compileError: compileErrorText(),
    wasmPackCall: `wasm-pack ${flagBuildArgs({ outDir: '<variant>/pkg' }).join(' ')}`,
    rustflags: threadsRustflags(),
    wasmOpt: wasmOptFlags(),
    versions: {
      nightly: toolchainFor(crateDir(threadedStage)).channel,
      stable: toolchainFor(rustDir).channel,
      'wasm-bindgen': wasmBindgenVersion(),
      'wasm-pack': WASM_PACK_VERSION,
      binaryen,
    },
  };
}

/**
 * How `recorded` (flag-errors.json's `inputs`) differs from today's inputs:
 * one line per input that changed, empty when the rows are current.
 * @param {ReturnType<typeof flagInputs> | undefined} recorded
 */
export function staleFlagInputs(recorded, current = flagInputs()) {
  if (!recorded) return ['flag-errors.json records no inputs'];
  /** @param {ReturnType<typeof flagInputs>} inputs */
  const flat = ({ versions, ...rest }) => ({ ...rest, ...versions });
  const before = /** @type {Record<string, unknown>} */ (flat(recorded));
  const now = /** @type {Record<string, unknown>} */ (flat(current));
  return Object.keys(now)
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(now[key]))
    .map((key) => `${key}: recorded ${JSON.stringify(before[key])}, now ${JSON.stringify(now[key])}`);
}
