// The Rust toolchains the crates ask for, and the paths and versions the build
// depends on. Each crate's toolchain is the one a reader gets by typing
// `wasm-pack build` in its folder: rustup reads the nearest rust-toolchain.toml,
// which is rust/rust-toolchain.toml (stable) unless the crate has its own (the
// threaded stages pin a nightly, for -Z build-std).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { output } from './run.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const rustDir = path.join(repoRoot, 'rust');
export const WASM_PACK_VERSION = '0.15.1';

/** The wasm-bindgen version in Cargo.lock: the CLI must be exactly this one. */
export function wasmBindgenVersion() {
  const lock = readFileSync(path.join(rustDir, 'Cargo.lock'), 'utf8');
  return /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)[1];
}

/**
 * @typedef {{ channel: string, components: string[], targets: string[], file: string }} Toolchain
 */

/**
 * Reads the three keys we use from a rust-toolchain.toml. By hand, not with a
 * TOML library: setup.mjs reads these files before `npm ci` has run.
 * @param {string} file @returns {Toolchain}
 */
function readToolchainFile(file) {
  const text = readFileSync(file, 'utf8').replace(/#.*$/gm, '');
  const list = (key) => {
    const value = new RegExp(`^${key}\\s*=\\s*\\[([^\\]]*)\\]`, 'm').exec(text)?.[1] ?? '';
    return [...value.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
  };
  const channel = /^channel\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  if (!channel) throw new Error(`${file}: no channel = "…"`);
  return { channel, components: list('components'), targets: list('targets'), file: path.relative(repoRoot, file) };
}

/** The toolchain rustup picks in `dir`: its own rust-toolchain.toml, else rust/'s. */
export function toolchainFor(dir) {
  const own = path.join(dir, 'rust-toolchain.toml');
  return readToolchainFile(existsSync(own) ? own : path.join(rustDir, 'rust-toolchain.toml'));
}

/** Every toolchain some crate asks for: rust/'s first (it also builds the host checks and the cargo tools). */
export function requiredToolchains() {
  const crates = readdirSync(rustDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(rustDir, entry.name, 'rust-toolchain.toml')))
    .map((entry) => readToolchainFile(path.join(rustDir, entry.name, 'rust-toolchain.toml')));
  const all = [readToolchainFile(path.join(rustDir, 'rust-toolchain.toml')), ...crates];
  return all.filter((toolchain, index) => all.findIndex((other) => other.channel === toolchain.channel) === index);
}

const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(homedir(), '.cargo'), 'bin');

/** PATH with cargo-installed tools and node_modules/.bin (wasm-opt, node) first. */
function toolPath() {
  return [cargoBin, path.join(repoRoot, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter);
}

/**
 * This process's environment with that PATH, for rustup, cargo and the cargo-
 * and npm-installed tools. Without RUSTUP_TOOLCHAIN, which would override the
 * rust-toolchain.toml files, and without RUSTFLAGS, which would replace the
 * threaded crates' own flags.
 */
export function toolEnv() {
  const env = { ...process.env, PATH: toolPath() };
  delete env.RUSTUP_TOOLCHAIN;
  delete env.RUSTFLAGS;
  return env;
}

export const hasRustup = () => output('rustup', ['--version'], { env: toolEnv() }) !== null;

/** What of `toolchain` rustup has not installed yet: null when all of it is there. */
export function missingParts(toolchain) {
  const env = toolEnv();
  const list = (what) => output('rustup', [what, 'list', '--installed', '--toolchain', toolchain.channel], { env });
  const components = list('component');
  if (components === null) return 'the toolchain';
  // Components are listed with the host's triple: "clippy-x86_64-unknown-linux-gnu".
  const installed = components.split('\n');
  const targets = (list('target') ?? '').split('\n');
  const missing = [
    ...toolchain.components.filter((name) => !installed.some((line) => line === name || line.startsWith(`${name}-`))),
    ...toolchain.targets.filter((name) => !targets.includes(name)),
  ];
  return missing.length > 0 ? missing.join(', ') : null;
}

/**
 * Where cargo builds: outside the clone when CI asks for it, so a later clone reuses std and dependencies.
 * @param {boolean} threaded @param {'abort' | 'unwind'} [panic]
 */
export function targetDir(threaded, panic = 'abort') {
  const base = process.env.WASM_TARGET_DIR ?? path.join(rustDir, 'target');
  // A std built with atomics must not overwrite the plain one, nor one built
  // to unwind the one built to abort: see the crates' .cargo/config.toml.
  if (!threaded) return base;
  return path.join(base, panic === 'unwind' ? 'threads-unwind' : 'threads');
}
