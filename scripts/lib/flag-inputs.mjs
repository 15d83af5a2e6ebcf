// What the rows of site/src/data/flag-errors.json depend on: the threaded
// crate's compile_error! text, the wasm-pack call `npm run flags` makes, the
// rustflags it leaves out one at a time, and the pinned toolchain versions.
// `npm run flags` stores them beside its rows, so that they can be compared
// with today's files. Cheap: reads files, runs nothing.
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
