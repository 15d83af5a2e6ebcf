// Finds the Rust toolchain that builds our wasm, and the paths and versions the
// build depends on. Two ways are supported (see README.md):
//   - rustup with the nightly pinned in rust/rust-toolchain.toml and rust-src;
//   - Debian's rustc-web + rust-web-src, linked into rustup as "debian-web"
//     (or used directly where there is no rustup), with RUSTC_BOOTSTRAP=1.
// Either way every stage builds std itself with -Z build-std.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { output } from './run.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const rustDir = path.join(repoRoot, 'rust');

export const PINNED_NIGHTLY = /channel\s*=\s*"([^"]+)"/.exec(
  readFileSync(path.join(rustDir, 'rust-toolchain.toml'), 'utf8'),
)[1];
export const DEBIAN_TOOLCHAIN = 'debian-web';
export const DEBIAN_RUST_PACKAGES = ['rustc-web', 'cargo-web', 'rust-web-src', 'rust-web-llvm', 'lld-22'];
/** rustfmt and clippy for the same Debian compiler, for `npm test`'s host checks. */
export const DEBIAN_LINT_PACKAGES = ['rustfmt-web', 'rust-web-clippy'];
export const WASM_PACK_VERSION = '0.15.1';

/** The wasm-bindgen version in Cargo.lock: the CLI must be exactly this one. */
export function wasmBindgenVersion() {
  const lock = readFileSync(path.join(rustDir, 'Cargo.lock'), 'utf8');
  return /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)[1];
}

const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(homedir(), '.cargo'), 'bin');

/** PATH with cargo-installed tools and node_modules/.bin (wasm-opt, node) first. */
function toolPath() {
  return [cargoBin, path.join(repoRoot, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter);
}

/** This process's environment with that PATH: for rustup itself and the cargo- and npm-installed tools. */
export const toolEnv = () => ({ ...process.env, PATH: toolPath() });

export const hasRustup = () => output('rustup', ['--version'], { env: toolEnv() }) !== null;

/**
 * The environment that selects toolchain `name` through rustup's proxies, or
 * the plain `rustc` on PATH when there is no rustup ("system").
 */
export function toolchainEnv(name) {
  const env = toolEnv();
  delete env.RUSTUP_TOOLCHAIN;
  // A missing toolchain is installed on purpose by setup.mjs, never as a side effect.
  env.RUSTUP_AUTO_INSTALL = '0';
  if (name !== 'system') env.RUSTUP_TOOLCHAIN = name;
  const version = output('rustc', ['--version'], { env }) ?? '';
  // Lets a stable compiler accept -Z build-std; a nightly needs no permission.
  if (!version.includes('nightly')) env.RUSTC_BOOTSTRAP = '1';
  return env;
}

/** Whether toolchain `name` exists and has what build-std needs: std's sources and a wasm linker. */
function canBuildWasm(name) {
  const env = toolchainEnv(name);
  const sysroot = output('rustc', ['--print', 'sysroot'], { env });
  if (!sysroot) return false;
  const hasSources = existsSync(path.join(sysroot, 'lib/rustlib/src/rust/library/Cargo.lock'));
  // rustup ships rust-lld inside the toolchain; Debian's rust-web-llvm links
  // /usr/bin/rust-lld to lld-22 without depending on it.
  const hasLinker = sysroot !== '/usr' || existsSync('/usr/bin/rust-lld');
  return hasSources && hasLinker;
}

/** The toolchains worth trying, best first. WASM_RUST_TOOLCHAIN forces one. */
export function toolchainCandidates() {
  if (process.env.WASM_RUST_TOOLCHAIN) return [process.env.WASM_RUST_TOOLCHAIN];
  return hasRustup() ? [PINNED_NIGHTLY, DEBIAN_TOOLCHAIN] : ['system'];
}

/** The toolchain that builds our wasm, or null when none can yet. */
export function findWasmToolchain() {
  return toolchainCandidates().find(canBuildWasm) ?? null;
}

/** A toolchain with rustfmt and clippy for the host checks, or null. */
export function findLintToolchain(wasmToolchain) {
  const candidates = hasRustup() ? [wasmToolchain, 'stable'] : ['system'];
  return (
    candidates.find((name) => {
      const env = toolchainEnv(name);
      return output('cargo', ['fmt', '--version'], { env }) && output('cargo', ['clippy', '--version'], { env });
    }) ?? null
  );
}

/** Where cargo builds: outside the clone when CI asks for it, so a later clone reuses std and dependencies. */
export function targetDir(threaded) {
  const base = process.env.WASM_TARGET_DIR ?? path.join(rustDir, 'target');
  // A std built with atomics must not overwrite the plain one: see
  // rust/03-shared-memory/.cargo/config.toml.
  return threaded ? path.join(base, 'threads') : base;
}
