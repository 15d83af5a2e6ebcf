// Checks, and where it can installs, everything `npm start` and `npm test`
// need. Idempotent: when all is present it only looks, which takes about a
// second. When something cannot be installed from here it prints the exact
// command to run and exits with status 1.
//
//   node scripts/setup.mjs          Node packages, Rust toolchains, wasm-pack, wasm-bindgen, wasm-opt
//   node scripts/setup.mjs --test   the same, plus what only the tests use: browsers, WebKit's driver, actionlint
//
// Runs on the machine's own Node (18 or later): the Node this project uses
// (24, from the npm package `node`) is one of the things it installs. Without
// --test it never needs root and never runs apt.
import { existsSync, statSync } from 'node:fs';
import { platform } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ACTIONLINT_VERSION, findActionlint } from './lib/actionlint.mjs';
import { output, run } from './lib/run.mjs';
import {
  WASM_PACK_VERSION,
  hasRustup,
  missingParts,
  repoRoot,
  requiredToolchains,
  toolEnv,
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
  const toolchains = ensureRustToolchains();
  ensureCargoTool('wasm-bindgen', 'wasm-bindgen-cli', wasmBindgenVersion());
  ensureCargoTool('wasm-pack', 'wasm-pack', WASM_PACK_VERSION);
  ensureWasmOpt();
  if (forTests) {
    await ensureBrowsers();
    await ensureWebKit({ say, aptUsable, aptInstall, Missing });
    ensureActionlint();
  }
  say(`ready (Rust: ${toolchains.join(', ')})`);
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

/** Every toolchain a rust-toolchain.toml asks for, with its components and targets, through rustup. */
function ensureRustToolchains() {
  if (!hasRustup()) {
    throw new Missing('rustup is not installed; it installs the Rust toolchains that rust/*/rust-toolchain.toml pin.', [
      "curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh",
    ]);
  }
  const toolchains = requiredToolchains();
  for (const toolchain of toolchains) {
    const missing = missingParts(toolchain);
    if (!missing) continue;
    const args = ['toolchain', 'install', toolchain.channel, '--profile', 'minimal'];
    if (toolchain.components.length) args.push('--component', toolchain.components.join(','));
    if (toolchain.targets.length) args.push('--target', toolchain.targets.join(','));
    say(`installing Rust ${toolchain.channel} for ${toolchain.file} (missing: ${missing})`);
    const install = spawnSync('rustup', args, { stdio: 'inherit', timeout: 10 * 60 * 1000, env: toolEnv() });
    if (install.status !== 0 || missingParts(toolchain)) {
      throw new Missing(`rustup could not install ${toolchain.channel} (${toolchain.file}).`, [`rustup ${args.join(' ')}`]);
    }
  }
  return toolchains.map((toolchain) => toolchain.channel);
}

/** Installs a cargo tool at exactly `version` unless that version is already on PATH. */
function ensureCargoTool(binary, crate, version) {
  const env = toolEnv();
  const found = output(binary, ['--version'], { env }) ?? '';
  // wasm-pack only uses a wasm-bindgen whose version equals Cargo.lock's;
  // otherwise it tries to download one.
  if (found.split(/\s+/)[1] === version) return;
  say(`building ${crate} ${version} from source (cargo install, a few minutes once)`);
  try {
    // From rust/, so that rust-toolchain.toml's stable compiler builds it.
    run('cargo', ['install', crate, '--version', `=${version}`, '--locked'], { env, cwd: path.join(repoRoot, 'rust') });
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

/**
 * Playwright's own Chromium and Firefox, downloaded by Playwright; where that
 * download fails (our CI machines cannot reach it), Debian's chromium and
 * firefox-esr, which scripts/lib/browsers.mjs knows how to drive.
 */
async function ensureBrowsers() {
  const { DEBIAN_HEADLESS_SHELL, findBrowsers } = await import('./lib/browsers.mjs');
  const missing = () => Object.entries(findBrowsers()).filter(([, found]) => !found).map(([name]) => name);
  // With Debian's Chromium, its headless shell too: the tests need much less CPU in it (browsers.mjs).
  const headlessShell = () => {
    if (findBrowsers().chromium?.source !== 'debian' || existsSync(DEBIAN_HEADLESS_SHELL) || !aptUsable('chromium-headless-shell')) return;
    say("installing Debian's chromium-headless-shell with apt-get (the tests' Chromium)");
    try {
      aptInstall(['chromium-headless-shell']);
    } catch (error) {
      say(`${error.message}; the tests use the full chromium instead (slower)`);
    }
  };
  if (missing().length === 0) return headlessShell();

  say(`installing Playwright's ${missing().join(' and ')} (npx playwright install)`);
  spawnSync('npx', ['playwright', 'install', ...missing()], { stdio: 'inherit', cwd: repoRoot, timeout: 10 * 60 * 1000 });
  if (missing().length > 0 && aptUsable('firefox-esr')) {
    say("Playwright's download failed; installing Debian's chromium and firefox-esr with apt-get instead");
    aptInstall(['chromium', 'chromium-headless-shell', 'firefox-esr']);
  }
  if (missing().length > 0) {
    throw new Missing(`no ${missing().join(' or ')} for the tests.`, [
      platform() === 'linux' ? 'npx playwright install --with-deps chromium firefox' : 'npx playwright install chromium firefox',
    ]);
  }
}

/**
 * actionlint checks the fork's workflows (.github/workflows/). It is a
 * Go program: `go install` builds it where Go is present; elsewhere the test
 * step says it skipped the check.
 */
function ensureActionlint() {
  if (findActionlint()) return;
  if (!output('go', ['version'])) {
    say('no Go here, so actionlint (the workflow check) will be skipped');
    return;
  }
  say(`building actionlint ${ACTIONLINT_VERSION} (go install)`);
  const install = spawnSync('go', ['install', `github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`], {
    stdio: 'inherit',
    timeout: 10 * 60 * 1000,
  });
  if (install.status !== 0 || !findActionlint()) {
    throw new Missing('could not build actionlint.', [`go install github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`]);
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
