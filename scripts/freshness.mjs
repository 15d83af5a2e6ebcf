// `npm run freshness`: would the threaded stages still build and pass their
// tests on the newest toolchain? Not part of `npm test`, and it never changes
// the pinned files: it works on a copy of the repository.
//
// It installs the newest nightly through rustup and asks crates.io (through
// cargo) for the newest wasm-bindgen, then, in the copy, points stages 3 and
// 4 at that nightly and the workspace at that wasm-bindgen, installs the
// matching wasm-bindgen CLI beside the pinned one (in a CARGO_HOME of its own
// that shares cargo's download cache), builds both stages with the project's
// own build script and runs their host tests. It prints every warning the
// builds gave and what broke, and writes the result to
// site/src/data/freshness.json, which the Build flags page shows.
//
// Slow: the new nightly compiles std with atomics, and a new wasm-bindgen CLI
// is compiled from source. Its target directory and CLI are kept in
// $WASM_TARGET_DIR/freshness (or rust/target/freshness) for the next run.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { STAGES } from './lib/stages.mjs';
import { repoRoot, rustDir, targetDir, toolEnv, toolchainFor, wasmBindgenVersion } from './lib/toolchain.mjs';

/** The stages checked: the threaded ones the tutorial teaches the build of. */
const checked = STAGES.filter((stage) => ['03-shared-memory', '04-thread-pool'].includes(stage.slug));
const output = path.join(repoRoot, 'site', 'src', 'data', 'freshness.json');
const keep = path.join(targetDir(false), 'freshness');
const cargoHome = process.env.CARGO_HOME ?? path.join(homedir(), '.cargo');
mkdirSync(keep, { recursive: true });

/** @type {{ step: string, ok: boolean, warnings: string[], errors: string[] }[]} */
const steps = [];

/**
 * Runs one step, records whether it worked, its warnings and, when it failed,
 * its error lines; prints its output as it goes.
 * @param {string} name @param {string} command @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} options
 */
function attempt(name, command, args, options) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const text = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(text);
  const lines = text.split('\n').map((line) => line.trim());
  const warnings = [...new Set(lines.filter((line) => /^warning\b/.test(line) && !/generated \d+ warnings?$/.test(line)))];
  const ok = result.status === 0;
  const errors = ok ? [] : [...new Set(lines.filter((line) => /^error\b|failed|panicked/.test(line)))].slice(0, 6);
  if (!ok && errors.length === 0) errors.push(result.error?.message ?? `exit ${result.status ?? result.signal}`);
  steps.push({ step: name, ok, warnings, errors });
  console.log(`${ok ? '✔' : '✘'} ${name}`);
  return { ok, text };
}

// 1. The newest nightly, with the rust-src that build-std compiles.
const rustupEnv = toolEnv();
attempt('rustup: the newest nightly', 'rustup', ['toolchain', 'install', 'nightly', '--profile', 'minimal', '--component', 'rust-src', '--no-self-update'], {
  env: rustupEnv,
});
const nightly = spawnSync('rustc', ['+nightly', '--version'], { env: rustupEnv, encoding: 'utf8' }).stdout.trim();

// 2. A copy of the repository (what git tracks, and new files not ignored), with the same node_modules.
const copy = mkdtempSync(path.join(tmpdir(), 'freshness-'));
const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
  .stdout.split('\0')
  .filter((file) => file && existsSync(path.join(repoRoot, file)));
for (const file of files) cpSync(path.join(repoRoot, file), path.join(copy, file));
symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
const copyRust = path.join(copy, 'rust');
for (const stage of checked) {
  const file = path.join(copyRust, stage.slug, 'rust-toolchain.toml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^channel\s*=\s*"[^"]+"/m, 'channel = "nightly"'));
}

// 3. The newest wasm-bindgen: the copy's workspace accepts any 0.2, and cargo updates the lock to the newest.
const manifest = path.join(copyRust, 'Cargo.toml');
writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^wasm-bindgen = "=[^"]+"/m, 'wasm-bindgen = "0.2"'));
attempt('cargo update: the newest wasm-bindgen, js-sys and web-sys', 'cargo', ['update', '-p', 'wasm-bindgen', '-p', 'js-sys', '-p', 'web-sys'], {
  cwd: copyRust,
  env: toolEnv(),
});
const lock = readFileSync(path.join(copyRust, 'Cargo.lock'), 'utf8');
const newestBindgen = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)?.[1] ?? 'unknown';

// 4. A CARGO_HOME whose bin/ has the matching wasm-bindgen CLI first: wasm-pack
// uses the one on PATH only when its version is the lock's, and the project's
// scripts put $CARGO_HOME/bin first. Its registry is cargo's own, so nothing is downloaded twice.
const freshHome = path.join(keep, 'cargo-home');
const freshBin = path.join(freshHome, 'bin');
mkdirSync(freshBin, { recursive: true });
for (const shared of ['registry', 'git']) {
  if (existsSync(path.join(cargoHome, shared)) && !existsSync(path.join(freshHome, shared))) {
    symlinkSync(path.join(cargoHome, shared), path.join(freshHome, shared));
  }
}
const bindgenTools = ['wasm-bindgen', 'wasm-bindgen-test-runner', 'wasm2es6js'];
for (const tool of readdirSync(path.join(cargoHome, 'bin'))) {
  if (bindgenTools.includes(tool) || existsSync(path.join(freshBin, tool))) continue;
  symlinkSync(path.join(cargoHome, 'bin', tool), path.join(freshBin, tool));
}
const freshEnv = { ...toolEnv(), CARGO_HOME: freshHome, RUSTUP_HOME: process.env.RUSTUP_HOME ?? path.join(homedir(), '.rustup') };
const installed = spawnSync(path.join(freshBin, 'wasm-bindgen'), ['--version'], { encoding: 'utf8' }).stdout?.trim();
if (installed !== `wasm-bindgen ${newestBindgen}`) {
  const install = ['install', 'wasm-bindgen-cli', '--version', `=${newestBindgen}`, '--force', '--root', freshHome];
  const locked = attempt(`cargo install --locked wasm-bindgen-cli ${newestBindgen}`, 'cargo', [...install, '--locked'], { env: freshEnv });
  // The CLI's own lock can name a dependency version the registry does not
  // have yet; then cargo picks the newest that matches instead.
  if (!locked.ok) attempt(`cargo install wasm-bindgen-cli ${newestBindgen} (without its lock file)`, 'cargo', install, { env: freshEnv });
}

// 5. Build both stages with the project's own script, in the copy, in a target directory of their own.
const buildEnv = { ...freshEnv, WASM_TARGET_DIR: path.join(keep, 'target') };
const slugs = checked.map((stage) => stage.slug);
attempt(`build ${slugs.join(' and ')} (scripts/build-wasm.mjs)`, process.execPath, ['scripts/build-wasm.mjs', ...slugs], { cwd: copy, env: buildEnv });

// 6. Their host tests, as `npm test` runs them (rust/'s stable toolchain), on the new lock.
const packages = checked.flatMap((stage) => ['-p', readCrateName(path.join(copyRust, stage.slug, 'Cargo.toml'))]);
attempt('cargo test (host) of both stages', 'cargo', ['test', ...packages, '--quiet'], {
  cwd: copyRust,
  env: { ...buildEnv, CARGO_TARGET_DIR: path.join(keep, 'target', 'host') },
});

rmSync(copy, { recursive: true, force: true });

const result = {
  date: new Date().toISOString().slice(0, 10),
  pinned: { nightly: toolchainFor(path.join(rustDir, checked[0].slug)).channel, 'wasm-bindgen': wasmBindgenVersion() },
  newest: { nightly, 'wasm-bindgen': newestBindgen },
  stages: slugs,
  steps,
};
writeFileSync(output, `${JSON.stringify(result, null, 2)}\n`);

console.log(`\nfreshness: ${nightly}, wasm-bindgen ${newestBindgen} (pinned: ${result.pinned.nightly}, ${result.pinned['wasm-bindgen']})`);
for (const { step, ok, warnings, errors } of steps) {
  console.log(`${ok ? '✔' : '✘'} ${step}`);
  for (const line of [...errors, ...warnings]) console.log(`    ${line}`);
}
console.log(`freshness: wrote ${path.relative(repoRoot, output)}`);
process.exit(steps.every((step) => step.ok) ? 0 : 1);

/** @param {string} file */
function readCrateName(file) {
  const name = /^name\s*=\s*"([^"]+)"/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!name) throw new Error(`${file}: no package name`);
  return name;
}
