// What the rows of site/src/data/flag-errors.json depend on: the threaded
// crate's compile_error! text, the wasm-pack call `npm run flags` makes, the
// rustflags it leaves out one at a time, and the pinned toolchain versions.
// `npm run flags` stores them beside its rows; a unit test compares them with
// today's files, so a reworded message or a new pin cannot leave the Build
// flags table silently out of date. Cheap: reads files, runs nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

/** Everything the recorded rows depend on, from today's files. */
export function flagInputs() {
  const lock = readFileSync(path.join(rustDir, 'Cargo.lock'), 'utf8');
  const binaryen = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).devDependencies.binaryen;
  return {
    compileError: compileErrorText(),
    wasmPackCall: `wasm-pack ${flagBuildArgs({ outDir: '<variant>/pkg' }).join(' ')}`,
    rustflags: threadsRustflags(),
    versions: {
      nightly: toolchainFor(crateDir(threadedStage)).channel,
      stable: toolchainFor(rustDir).channel,
      'wasm-bindgen': wasmBindgenVersion(),
      'wasm-pack': WASM_PACK_VERSION,
      rayon: /name = "rayon"\nversion = "([^"]+)"/.exec(lock)?.[1] ?? 'none',
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
  const flat = (inputs) => ({ ...inputs, versions: undefined, ...inputs.versions });
  const before = flat(recorded);
  const now = flat(current);
  return Object.keys(now)
    .filter((key) => now[key] !== undefined && JSON.stringify(before[key]) !== JSON.stringify(now[key]))
    .map((key) => `${key}: recorded ${JSON.stringify(before[key])}, now ${JSON.stringify(now[key])}`);
}
