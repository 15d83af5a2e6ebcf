// `npm test`: every check, in the order that fails fastest. setup.mjs has run
// before this (see package.json), so the toolchain and browsers are present.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { run, step, stepInBackground } from './lib/run.mjs';
import { findActionlint } from './lib/actionlint.mjs';
import { hasPlaywrightWebKit } from './lib/browsers.mjs';
import { FORK_BASE, FORK_BUILD_ENV } from './lib/fork-build.mjs';
import { repoRoot, rustDir, toolEnv } from './lib/toolchain.mjs';
import { readTapCounts, runNodeTests } from './lib/node-tests.mjs';
import { WEBKIT_REPORT, findWebKitDriver, webkitInstallCommands } from './lib/webkit.mjs';

const started = Date.now();
const playwrightReport = `${repoRoot}/test-results/report.json`;
// Not in test-results/, which Playwright empties when it starts (the WebKit suite runs beside it).
const UNIT_REPORT = `${repoRoot}/.cache/test-reports/unit.tap`;
// Reports left by an earlier run must not be mistaken for this one's.
for (const report of [playwrightReport, UNIT_REPORT, WEBKIT_REPORT]) rmSync(report, { force: true });
// WebKit runs through WebKitGTK's WebDriver server where it is installed, and
// in Playwright's webkit project where Playwright's own WebKit is; never not at all.
const webkitDriver = findWebKitDriver();
if (!webkitDriver && !hasPlaywrightWebKit()) {
  console.error('test: no WebKit for the tests. Run `node scripts/setup.mjs --test`, or this, then try again:\n');
  for (const command of webkitInstallCommands()) console.error(`    ${command}`);
  process.exit(1);
}
// The host checks use rust/rust-toolchain.toml's stable compiler (its rustfmt
// and clippy) and a normal host build: no build-std, no wasm target. Where
// WASM_TARGET_DIR puts the wasm builds outside the clone, the host build goes
// beside them, so that the next clone does not compile its dependencies again.
const hostTarget = process.env.WASM_TARGET_DIR && { CARGO_TARGET_DIR: `${process.env.WASM_TARGET_DIR}/host` };
const hostRust = { cwd: rustDir, env: { ...toolEnv(), ...hostTarget } };

/** The WebKit suite, once it has started in the background. */
/** @type {ReturnType<typeof stepInBackground> | undefined} */
let webkit;
try {
  // The host checks run beside the wasm and site builds below (they use other
  // target directories), and are awaited before any browser starts.
  const hostChecks = stepInBackground('cargo fmt --check, clippy (warnings are errors), test', 'sh', [
    '-c',
    'cargo fmt --all --check && cargo clippy --workspace --all-targets --quiet -- -D warnings && cargo test --workspace --quiet',
  ], hostRust);
  step('actionlint (the fork workflows)', checkWorkflows);
  step('build the wasm', () => run('node', ['scripts/build-wasm.mjs'], { cwd: repoRoot }));
  // After the wasm build: the constants' tests read what it wrote (pkg/constants.json).
  step('unit tests (the demos\' JavaScript helpers, node --test)', () => runNodeTests('tests/unit/*.test.ts', UNIT_REPORT));
  step('astro build', () => run('npx', ['astro', 'build', '--silent'], { cwd: repoRoot }));
  // The WebKit suite needs only dist/, and has servers and a browser of its own
  // (its ports are above Playwright's): it starts now, beside the fork build and
  // then Playwright's tests, so that less of it is left to share the cores with them.
  webkit = webkitDriver
    ? stepInBackground('webkit (WebKitGTK through WebDriver, tests/webkit/)', process.execPath, ['scripts/lib/webkit.mjs', '--run'], { cwd: repoRoot })
    : undefined;
  // A fork's GitHub Pages build (.github/workflows/pages.yml), with a base path in every URL it writes.
  step(`astro build for a fork (base ${FORK_BASE}, the isolation service worker)`, () =>
    run('npx', ['astro', 'build', '--silent'], { cwd: repoRoot, env: { ...process.env, ...FORK_BUILD_ENV } }),
  );
  await hostChecks.finish();
  // Beside Playwright too, whose tests mostly wait: half a minute less. Not
  // beside astro build, since both write Astro's content store
  // (node_modules/.astro; a fresh clone's run once failed on that race), and
  // the dev copy of the rebuild test has a store of its own (dev-copy.mjs).
  const check = stepInBackground('astro check (TypeScript, strict)', 'npx', ['astro', 'check', '--minimumSeverity', 'warning'], { cwd: repoRoot });
  try {
    step('playwright (build output, Chromium, Firefox, and WebKit where Playwright has it)', () =>
      run('npx', ['playwright', 'test', ...process.argv.slice(2)], { cwd: repoRoot }),
    );
  } finally {
    // Both are awaited, whatever failed: each prints its own output.
    const ended = await Promise.allSettled([check.finish(), webkit?.finish()]);
    const failed = ended.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
  if (!webkitDriver) console.log("\nwebkit: Playwright's webkit project ran above; WebKitGTK's driver is not installed, so tests/webkit/ did not run.");
} catch (error) {
  // A step after the WebKit suite's start failed: let it end, so that its counts below are whole.
  await webkit?.finish().catch(() => {});
  console.error(`\n✘ ${error.message}`);
  printCounts();
  process.exit(1);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
printCounts();

/** The GitHub workflows a fork runs (its tests, its Pages deploy): linted here, since we cannot run GitHub. */
function checkWorkflows() {
  const actionlint = findActionlint();
  if (!actionlint) {
    console.log('skipped: actionlint is not installed (it needs Go: `go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12`)');
    return;
  }
  const workflows = readdirSync(`${repoRoot}/.github/workflows`)
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `.github/workflows/${file}`);
  console.log(`linting ${workflows.join(', ')}`);
  run(actionlint, ['-no-color', ...workflows], { cwd: repoRoot });
}

/** A line per suite that ran, then one plain closing line for whoever reads the end of the log (CI does). */
function printCounts() {
  const suites = { unit: readTapCounts(UNIT_REPORT), playwright: readPlaywrightCounts(), webkit: readTapCounts(WEBKIT_REPORT) };
  const total = { passed: 0, failed: 0, skipped: 0 };
  let ran = false;
  for (const [name, counts] of Object.entries(suites)) {
    if (!counts) continue; // it did not get to run: the error above says why
    ran = true;
    console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    for (const key of Object.keys(total)) total[key] += counts[key];
  }
  if (ran) console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
}

/** @returns {{ passed: number, failed: number, skipped: number } | null} */
function readPlaywrightCounts() {
  try {
    const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
    // The suite has no retries (playwright.config.ts), so nothing is "flaky": a failure fails.
    return { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped };
  } catch {
    return null;
  }
}
