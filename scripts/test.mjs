// `npm test`: every check, in the order that fails fastest. setup.mjs has run
// before this (see package.json), so the toolchain and browsers are present.
import { readFileSync, rmSync } from 'node:fs';
import { run, step } from './lib/run.mjs';
import { findActionlint } from './lib/actionlint.mjs';
import { repoRoot, rustDir, toolEnv } from './lib/toolchain.mjs';

const started = Date.now();
const playwrightReport = `${repoRoot}/test-results/report.json`;
// A report left by an earlier run must not be mistaken for this one's.
rmSync(playwrightReport, { force: true });
// The host checks use rust/rust-toolchain.toml's stable compiler (its rustfmt
// and clippy) and a normal host build: no build-std, no wasm target.
const hostRust = { cwd: rustDir, env: toolEnv() };

try {
  step('cargo fmt --check', () => run('cargo', ['fmt', '--all', '--check'], hostRust));
  step('cargo clippy (warnings are errors)', () =>
    run('cargo', ['clippy', '--workspace', '--all-targets', '--quiet', '--', '-D', 'warnings'], hostRust),
  );
  step('cargo test', () => run('cargo', ['test', '--workspace', '--quiet'], hostRust));
  step('actionlint (the fork workflow)', checkWorkflow);
  step('build the wasm', () => run('node', ['scripts/build-wasm.mjs'], { cwd: repoRoot }));
  step('astro check (TypeScript, strict)', () => run('npx', ['astro', 'check', '--minimumSeverity', 'warning'], { cwd: repoRoot }));
  step('astro build', () => run('npx', ['astro', 'build', '--silent'], { cwd: repoRoot }));
  step('playwright (build output, Chromium, Firefox)', () =>
    run('npx', ['playwright', 'test', ...process.argv.slice(2)], { cwd: repoRoot }),
  );
} catch (error) {
  console.error(`\n✘ ${error.message}`);
  printPlaywrightCounts();
  process.exit(1);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
printPlaywrightCounts();

/** The GitHub workflow a fork runs: linted here, since we cannot run GitHub. */
function checkWorkflow() {
  const actionlint = findActionlint();
  if (!actionlint) {
    console.log('skipped: actionlint is not installed (it needs Go: `go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12`)');
    return;
  }
  run(actionlint, ['-no-color', '.github/workflows/test.yml'], { cwd: repoRoot });
}

/** One plain closing line for whoever reads the end of the log (CI does). */
function printPlaywrightCounts() {
  try {
    const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
    const failed = stats.unexpected + stats.flaky;
    console.log(`playwright: ${stats.expected} passed, ${failed} failed, ${stats.skipped} skipped`);
  } catch {
    // Playwright did not get to run: the error above says why.
  }
}
