// Builds every stage's crate with wasm-pack into demos/NN-*/pkg/.
//
//   node scripts/build-wasm.mjs [--dev] [stage-slug ...]
//
// Each crate is built with the command a reader would type in its folder, and
// with the toolchain rustup picks there: stable for stages 1 and 2; for the
// threaded stages the nightly in their own rust-toolchain.toml, plus
// `-Z build-std` (their .cargo/config.toml has the rest of their flags).
//
// A threaded crate with a `single-thread` feature is built a second time,
// without atomics, into pkg-single/: the page's fallback where threads cannot run.
// A threaded crate with a .cargo/unwind.toml is built a second time with
// `panic = "unwind"`, into pkg-unwind/.
//
// A build whose inputs have not changed is not run again: its pkg/ is taken
// from a cache beside cargo's target directory (outside the clone when
// WASM_TARGET_DIR says so, so that the next clone finds it too).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { run, step } from './lib/run.mjs';
import { constantsFile } from './lib/stage-constants.mjs';
import { STAGES, crateDir, glueFile, pkgDir, singlePkgDir, unwindPkgDir, wasmFile } from './lib/stages.mjs';
import { WASM_PACK_VERSION, repoRoot, rustDir, targetDir, toolEnv, toolchainFor } from './lib/toolchain.mjs';

const profile = process.argv.includes('--dev') ? '--dev' : '--release';
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const stages = only.length ? STAGES.filter((stage) => only.includes(stage.slug)) : STAGES;
const unknown = only.filter((slug) => !STAGES.some((stage) => stage.slug === slug));
if (unknown.length > 0) {
  console.error(`build-wasm: no stage ${unknown.join(', ')}; the stages are ${STAGES.map((stage) => stage.slug).join(', ')}.`);
  process.exit(1);
}
if (process.env.RUSTFLAGS) {
  // RUSTFLAGS replaces, rather than adds to, the flags in .cargo/config.toml:
  // a threaded stage would lose its atomics and shared memory.
  console.warn(`build-wasm: ignoring RUSTFLAGS=${process.env.RUSTFLAGS}; the crates carry their own flags.`);
}

const cacheDir = path.join(targetDir(false), 'pkg-cache');
// WASM_PKG_CACHE=off: neither read nor fill the cache. The rebuild test's dev
// copies set it: they share one target directory, in which cargo can take one
// copy's build as fresh for another's edit, and a cache filled from that would
// hand the wrong build to every later run with the same edit (it did, here).
const useCache = process.env.WASM_PKG_CACHE !== 'off';

/** What a stage's build writes: pkg/, pkg-single/ for a stage with a fallback, pkg-unwind/ for one that unwinds. @param {import('./lib/stages.mjs').Stage} stage */
const outputsOf = (stage) => [
  pkgDir(stage),
  ...(stage.fallback ? [singlePkgDir(stage)] : []),
  ...(stage.unwind ? [unwindPkgDir(stage)] : []),
];

for (const stage of stages) {
  const { channel } = toolchainFor(crateDir(stage));
  const cached = path.join(cacheDir, `${stage.slug}-${inputsHash(stage)}`);
  if (useCache && existsSync(path.join(cached, '.complete'))) {
    step(`${stage.slug}: inputs unchanged, its build output from the build cache`, () => {
      for (const output of outputsOf(stage)) {
        rmSync(output, { recursive: true, force: true });
        cpSync(path.join(cached, path.basename(output)), output, { recursive: true });
      }
    });
    continue;
  }
  step(`wasm-pack ${stage.slug} (${channel})`, () => {
    run('wasm-pack', wasmPackArgs(stage), {
      cwd: crateDir(stage),
      env: { ...toolEnv(), CARGO_TARGET_DIR: targetDir(stage.threaded, stage.panic) },
    });
  });
  if (stage.fallback) buildFallback(stage);
  if (stage.unwind) buildUnwind(stage);
  await writeConstants(stage);
  if (!useCache) continue;
  // Only the newest build of each stage is kept.
  for (const old of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
    if (old.startsWith(`${stage.slug}-`)) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
  }
  for (const output of outputsOf(stage)) cpSync(output, path.join(cached, path.basename(output)), { recursive: true });
  writeFileSync(path.join(cached, '.complete'), '');
}

/**
 * Everything a stage's build output depends on: its crate's files, the
 * workspace's manifest, lock and toolchain files, the wasm-pack command, and
 * the versions of wasm-pack and wasm-opt. The toolchains are pinned in the
 * hashed rust-toolchain.toml files; wasm-bindgen in the hashed Cargo.lock.
 * @param {import('./lib/stages.mjs').Stage} stage
 */
function inputsHash(stage) {
  const hash = createHash('sha256');
  const binaryen = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).devDependencies.binaryen;
  // `layout`: how the cache stores a build (each output folder by name).
  hash.update(JSON.stringify({ layout: 2, args: wasmPackArgs(stage).map((arg) => arg.replace(pkgDir(stage), 'pkg')), WASM_PACK_VERSION, binaryen }));
  const files = [
    ...readdirSync(crateDir(stage), { recursive: true })
      .map(String)
      .filter((file) => !file.split(path.sep).includes('target'))
      .map((file) => path.join(crateDir(stage), file)),
    ...['Cargo.toml', 'Cargo.lock', 'rust-toolchain.toml'].map((file) => path.join(rustDir, file)),
  ];
  for (const file of files.sort()) {
    if (!existsSync(file) || !statSync(file).isFile()) continue;
    hash.update(path.relative(rustDir, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

// ANCHOR: fallback-build
/**
 * The same crate without atomics, as a crate of stages 1 and 2 is built: the
 * stable toolchain of rust/rust-toolchain.toml and its prebuilt wasm32 std,
 * in their target directory, with the `single-thread` feature.
 * @param {import('./lib/stages.mjs').Stage} stage
 */
function buildFallback(stage) {
  const { channel } = toolchainFor(rustDir);
  step(`wasm-pack ${stage.slug} single-thread fallback (${channel})`, () => {
    run('wasm-pack', ['build', '--target', 'web', profile, '--no-pack', '--out-dir', singlePkgDir(stage), '--', '--features', 'single-thread'], {
      cwd: crateDir(stage),
      env: {
        ...toolEnv(),
        // Not the crate's own rust-toolchain.toml (the nightly) …
        RUSTUP_TOOLCHAIN: channel,
        // … nor its .cargo/config.toml's rustflags: an empty encoded list wins over the file.
        CARGO_ENCODED_RUSTFLAGS: '',
        CARGO_TARGET_DIR: targetDir(false),
      },
    });
  });
}
// ANCHOR_END: fallback-build

// ANCHOR: unwind-build
/**
 * The same crate with panics that unwind: its own config.toml and nightly,
 * plus .cargo/unwind.toml (cargo appends that file's rustflags to
 * config.toml's), and a std built with panic_unwind. In a target directory of
 * its own: other rustflags would rebuild std over the abort build's.
 * @param {import('./lib/stages.mjs').Stage} stage
 */
function buildUnwind(stage) {
  const { channel } = toolchainFor(crateDir(stage));
  step(`wasm-pack ${stage.slug} panic=unwind (${channel})`, () => {
    const out = ['--no-pack', '--out-dir', unwindPkgDir(stage)];
    const cargo = ['-Z', 'build-std=std,panic_unwind', '--config', '.cargo/unwind.toml'];
    run('wasm-pack', ['build', '.', '--target', 'web', '--mode', 'force', profile, ...out, '--', ...cargo], {
      cwd: crateDir(stage),
      env: { ...toolEnv(), CARGO_TARGET_DIR: targetDir(true, 'unwind') },
    });
  });
}
// ANCHOR_END: unwind-build

/** @param {import('./lib/stages.mjs').Stage} stage */
function wasmPackArgs(stage) {
  // Where the demo imports it from; no package.json, since nothing publishes it.
  const ours = [profile, '--no-pack', '--out-dir', pkgDir(stage)];
  // ANCHOR: wasm-pack
  if (!stage.threaded) return ['build', '--target', 'web', ...ours];
  // A threaded stage also builds std, with atomics, from the nightly's rust-src,
  // and the panic runtime its flags ask for (stage 4's unwinds).
  // `--mode force` skips wasm-pack's check for a prebuilt wasm32 std, which
  // build-std does not use. The crate's path (".") must come before `--`, or
  // wasm-pack takes -Z for the path.
  return ['build', '.', '--target', 'web', '--mode', 'force', ...ours, '--', '-Z', `build-std=std,panic_${stage.panic}`];
  // ANCHOR_END: wasm-pack
}

/**
 * Writes pkg/constants.json from the crate's `constants()`, if it has one:
 * the module is instantiated here in Node (a threaded one on a fresh shared
 * memory from its glue, as on the page's main thread).
 * @param {import('./lib/stages.mjs').Stage} stage
 */
async function writeConstants(stage) {
  const glue = await import(pathToFileURL(glueFile(stage)).href);
  if (typeof glue.constants !== 'function') return;
  // Node 24's V8 validates an unwinding build's exception handling (exnref)
  // only behind a flag, which takes effect for modules compiled after it.
  if (stage.panic === 'unwind') setFlagsFromString('--experimental-wasm-exnref');
  glue.initSync({ module: readFileSync(wasmFile(stage)) });
  writeFileSync(constantsFile(stage.slug), `${JSON.stringify(glue.constants(), null, 2)}\n`);
}
