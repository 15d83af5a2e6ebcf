// Checks, and where it can installs, everything `npm start` and `npm test`
// need. Idempotent: when all is present it only looks, which takes about a
// second. When something cannot be installed from here it prints the exact
// command to run and exits with status 1.
//
//   node scripts/setup.mjs          Node packages, Rust toolchain, wasm-pack, wasm-bindgen, wasm-opt
//   node scripts/setup.mjs --test   the same, plus what only the tests use: rustfmt, clippy, browsers, WebKit
//
// Runs on the machine's own Node (18 or later): the Node this project uses
// (24, from the npm package `node`) is one of the things it installs.
import { existsSync, statSync } from 'node:fs';
import { platform } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { output, run } from './lib/run.mjs';
import {
  DEBIAN_LINT_PACKAGES,
  DEBIAN_RUST_PACKAGES,
  DEBIAN_TOOLCHAIN,
  PINNED_NIGHTLY,
  WASM_PACK_VERSION,
  findLintToolchain,
  findWasmToolchain,
  hasRustup,
  repoRoot,
  toolEnv,
  toolchainEnv,
  wasmBindgenVersion,
} from './lib/toolchain.mjs';
import { ensureWebKit } from './lib/webkit.mjs';

const forTests = process.argv.includes('--test');
const quiet = process.argv.includes('--quiet');
const say = (message) => quiet || console.log(`setup: ${message}`);

class Missing extends Error {
  /** @param {string} what @param {string[]} commands what the person should run */
  constructor(what, commands) {
    super(what);
    this.commands = commands;
  }
}

try {
  ensureNodePackages();
  const toolchain = ensureRustToolchain();
  ensureCargoTool('wasm-bindgen', 'wasm-bindgen-cli', wasmBindgenVersion(), toolchain);
  ensureCargoTool('wasm-pack', 'wasm-pack', WASM_PACK_VERSION, toolchain);
  ensureWasmOpt();
  if (forTests) {
    ensureLintTools(toolchain);
    await ensureBrowsers();
    await ensureWebKit({ say, aptUsable, aptInstall, Missing });
  }
  say(`ready (Rust toolchain: ${toolchain})`);
} catch (error) {
  if (!(error instanceof Missing)) throw error;
  console.error(`\nsetup: ${error.message}\nRun this, then try again:\n`);
  for (const command of error.commands) console.error(`    ${command}`);
  console.error('');
  process.exit(1);
}

function ensureNodePackages() {
  const installed = path.join(repoRoot, 'node_modules', '.package-lock.json');
  const lock = path.join(repoRoot, 'package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
    say('installing Node packages (npm ci)');
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot });
  }
  // Astro 7 needs Node >= 22.12; the npm package `node` brings Node 24, which
  // npm scripts find first on their PATH (node_modules/.bin).
  const version = output(path.join(repoRoot, 'node_modules', '.bin', 'node'), ['--version']) ?? '';
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  if (!(major > 22 || (major === 22 && minor >= 12))) {
    throw new Missing(`the project's Node (node_modules/.bin/node) answered "${version}", not >= 22.12`, [
      'rm -rf node_modules && npm ci',
    ]);
  }
}

function ensureRustToolchain() {
  let toolchain = findWasmToolchain();
  if (toolchain) return toolchain;

  if (hasRustup() && !process.env.WASM_RUST_TOOLCHAIN) {
    // On a laptop rustup downloads the pinned nightly; where its server is
    // unreachable this fails (or times out) and the Debian way follows.
    say(`installing Rust ${PINNED_NIGHTLY} with rust-src through rustup`);
    const install = spawnSync(
      'rustup',
      ['toolchain', 'install', PINNED_NIGHTLY, '--profile', 'minimal', '--component', 'rust-src,rustfmt,clippy'],
      { stdio: 'inherit', timeout: 10 * 60 * 1000, env: toolEnv() },
    );
    toolchain = install.status === 0 ? findWasmToolchain() : null;
    if (toolchain) return toolchain;
    say('rustup could not install it; trying Debian packages');
  }

  if (aptUsable('rustc-web')) {
    say(`installing Debian's ${DEBIAN_RUST_PACKAGES.join(' ')}`);
    aptInstall(DEBIAN_RUST_PACKAGES);
  }
  if (hasRustup() && existsSync('/usr/lib/rustlib/src/rust/library')) {
    // Makes /usr a toolchain that RUSTUP_TOOLCHAIN can select.
    run('rustup', ['toolchain', 'link', DEBIAN_TOOLCHAIN, '/usr'], { env: toolEnv() });
  }
  toolchain = findWasmToolchain();
  if (toolchain) return toolchain;

  throw new Missing('no Rust toolchain here can build std for wasm32 (build-std needs a nightly and rust-src).', [
    ...(hasRustup() ? [] : ["curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh"]),
    `rustup toolchain install ${PINNED_NIGHTLY} --profile minimal --component rust-src,rustfmt,clippy`,
  ]);
}

/** rustfmt and clippy, which `npm test` runs on the host. */
function ensureLintTools(toolchain) {
  if (findLintToolchain(toolchain)) return;
  if (toolchain === PINNED_NIGHTLY) {
    say(`adding rustfmt and clippy to ${toolchain}`);
    spawnSync('rustup', ['component', 'add', 'rustfmt', 'clippy', '--toolchain', toolchain], {
      stdio: 'inherit',
      timeout: 5 * 60 * 1000,
      env: toolEnv(),
    });
  } else if (aptUsable(DEBIAN_LINT_PACKAGES[0])) {
    say(`installing Debian's ${DEBIAN_LINT_PACKAGES.join(' ')}`);
    aptInstall(DEBIAN_LINT_PACKAGES);
  }
  if (findLintToolchain(toolchain)) return;
  throw new Missing('no rustfmt and clippy for the host checks of `npm test`.', [
    hasRustup()
      ? `rustup component add rustfmt clippy --toolchain ${toolchain}`
      : `sudo apt-get install ${DEBIAN_LINT_PACKAGES.join(' ')}`,
  ]);
}

/** Installs a cargo tool at exactly `version` unless that version is already on PATH. */
function ensureCargoTool(binary, crate, version, toolchain) {
  const env = toolchainEnv(toolchain);
  const found = output(binary, ['--version'], { env }) ?? '';
  // wasm-pack only uses a wasm-bindgen whose version equals Cargo.lock's;
  // otherwise it tries to download one.
  if (found.split(/\s+/)[1] === version) return;
  say(`building ${crate} ${version} from source (cargo install, a few minutes once)`);
  try {
    run('cargo', ['install', crate, '--version', `=${version}`, '--locked'], { env, cwd: repoRoot });
  } catch {
    throw new Missing(`could not install ${crate} ${version}.`, [
      `cargo install ${crate} --version =${version} --locked`,
    ]);
  }
}

function ensureWasmOpt() {
  // wasm-pack uses the wasm-opt it finds on PATH before downloading one; the
  // npm package binaryen provides it in node_modules/.bin.
  if (!output('wasm-opt', ['--version'], { env: toolEnv() })) {
    throw new Missing('wasm-opt (npm package binaryen) does not run.', ['rm -rf node_modules && npm ci']);
  }
}

async function ensureBrowsers() {
  const { findBrowsers } = await import('./lib/browsers.mjs');
  const missing = () => Object.entries(findBrowsers()).filter(([, found]) => !found).map(([name]) => name);
  if (missing().length === 0) return;

  if (aptUsable('firefox-esr')) {
    say(`installing Debian's chromium and firefox-esr`);
    aptInstall(['chromium', 'firefox-esr']);
  } else {
    say(`installing Playwright's ${missing().join(' and ')}`);
    spawnSync('npx', ['playwright', 'install', ...missing()], { stdio: 'inherit', cwd: repoRoot });
  }
  if (missing().length > 0) {
    throw new Missing(`no ${missing().join(' or ')} for the tests.`, [
      platform() === 'linux' ? 'npx playwright install --with-deps chromium firefox' : 'npx playwright install chromium firefox',
    ]);
  }
}

/** Debian with the package in its archive, and root or password-less sudo: apt-get can run unattended. */
function aptUsable(probePackage) {
  if (!existsSync('/etc/debian_version') || !output('apt-get', ['--version'])) return false;
  if (!isRoot() && output('sudo', ['-n', 'true']) === null) return false;
  const hasCandidate = () => /Candidate: (?!\(none\))/.test(output('apt-cache', ['policy', probePackage]) ?? '');
  if (!hasCandidate()) aptGet(['update', '-qq']);
  return hasCandidate();
}

function aptInstall(packages) {
  aptGet(['install', '-y', '-q', ...packages]);
}

function aptGet(args) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (isRoot()) run('apt-get', args, { env });
  else run('sudo', ['-n', 'apt-get', ...args], { env });
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
