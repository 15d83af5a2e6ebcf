// `npm run flags`: what goes wrong without each setting of the threaded build.
//
// For every rustflag in rust/03-shared-memory/.cargo/config.toml, for build-std
// and for nightly features on a stable compiler, it builds stage 3 without
// that one setting and records what the build printed. When the build
// succeeds anyway, it runs the result in Chromium and records what the demo
// says. It also runs wasm-opt without each of the crate's --enable-* flags in
// turn, and the demo without the isolation headers. The results go to site/src/data/flag-errors.json,
// which the "Build flags explained" page shows, so the table stays true when
// toolchains move; beside the rows it records what they were made from
// (scripts/lib/flag-inputs.mjs), which `npm test` compares with today's
// files. Stage 3 only: it builds with panic = "abort". Slow the first time (each variant compiles std: about a
// minute each); cached afterwards. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { launchSettings } from './lib/browsers.mjs';
import { startSiteServer } from './lib/processes.mjs';
import { flagBuildArgs, flagInputs, wasmOptFlags } from './lib/flag-inputs.mjs';
import { crateDir, demoDir, wasmFile } from './lib/stages.mjs';
import { threadedStage, threadsRustflags, threadsSettings } from './lib/threads-flags.mjs';
import { repoRoot, rustDir, targetDir, toolEnv, toolchainFor } from './lib/toolchain.mjs';

const stage = threadedStage;
const output = path.join(repoRoot, 'site', 'src', 'data', 'flag-errors.json');
const baseEnv = toolEnv();
const rustc = spawnSync('rustc', ['--version'], { cwd: crateDir(stage), env: baseEnv, encoding: 'utf8' }).stdout.trim();
const settings = threadsRustflags();

const scratch = mkdtempSync(path.join(tmpdir(), 'flag-errors-'));
const results = [];
/** The Chromium that ran the demos, as the page names it. */
let browserVersion = '';

// One setting at a time (each target feature alone), then build-std, a stable
// compiler, wasm-bindgen's target, wasm-opt and the headers.
for (const removal of threadsSettings()) {
  results.push(await tryBuild(removal.setting, { flags: removal.flags }));
}
results.push(await tryBuild('-Z build-std', { flags: settings, buildStd: false }));
results.push(await tryBuild('wasm-pack --target web', { flags: settings, bindgenTarget: 'no-modules' }));
results.push(nightlyOnStable());
results.push(wasmOptWithoutEachFeature());
results.push(await withoutIsolation());

mkdirSync(path.dirname(output), { recursive: true });
const recorded = { toolchain: rustc, browser: `Chromium ${browserVersion}`, generated: new Date().toISOString().slice(0, 10), inputs: flagInputs(), results };
writeFileSync(output, `${JSON.stringify(recorded, null, 2)}\n`);
rmSync(scratch, { recursive: true, force: true });
console.log(`flag-errors: wrote ${path.relative(repoRoot, output)} (${results.length} settings)`);

/** Builds stage 3 with `flags` as its rustflags; on success, runs it in Chromium. */
async function tryBuild(setting, { flags, buildStd = true, bindgenTarget = 'web' }) {
  console.log(`flag-errors: without ${setting}`);
  const slug = setting.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '');
  // Written where runDemo serves it: a copy of the demo with this variant's pkg/.
  const pkg = path.join(scratch, slug, 'demos', stage.slug, 'pkg');
  const env = {
    ...baseEnv,
    // RUSTFLAGS replaces the config file's flags: exactly what we want here.
    RUSTFLAGS: flags.join(' '),
    // All flags present: the normal stage-3 build output can be reused.
    CARGO_TARGET_DIR: flags === settings && buildStd ? targetDir(true) : path.join(targetDir(true), 'flags', slug),
  };
  const args = flagBuildArgs({ target: bindgenTarget, outDir: pkg, buildStd });
  const build = spawnSync('wasm-pack', args, { cwd: crateDir(stage), env, encoding: 'utf8' });
  if (build.status !== 0) return { setting, stage: 'build', message: errorLines(build.stderr) };
  return { setting, ...(await runDemo(path.join(scratch, slug))) };
}

/** The lines of a failed build that say what went wrong, without command lines and source excerpts. */
function errorLines(text) {
  const lines = text
    .split('\n')
    .map((line) => line.trim().replace(/^= note:\s*/, ''))
    .filter((line) => line.length < 400 && /error|disallowed|failed to|not found|undefined symbol/i.test(line))
    .filter((line) => !/^Caused by|could not compile|^Error: `cargo build` failed|^\d+:|^full command|^Error: Running/.test(line));
  return [...new Set(lines)].slice(0, 4).join('\n');
}

/** A stable compiler refuses -Z: the stable toolchain of rust/rust-toolchain.toml, on the threaded crate. */
function nightlyOnStable() {
  const env = { ...baseEnv, RUSTUP_TOOLCHAIN: toolchainFor(rustDir).channel };
  const build = spawnSync('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '-Z', 'build-std=std,panic_abort'], {
    cwd: crateDir(stage),
    env: { ...env, CARGO_TARGET_DIR: path.join(scratch, 'stable') },
    encoding: 'utf8',
  });
  return { setting: 'nightly (or RUSTC_BOOTSTRAP=1)', stage: 'build', message: errorLines(build.stderr) || 'built' };
}

/**
 * wasm-opt as stage 3's Cargo.toml runs it, without each of its --enable-*
 * flags in turn, on the built module and on a copy without its
 * target_features section (which rustc's linker writes, and from which
 * binaryen takes the features it allows): one line per flag, saying whether
 * binaryen accepted each module.
 */
function wasmOptWithoutEachFeature() {
  const all = wasmOptFlags(stage);
  const enables = all.filter((flag) => flag.startsWith('--enable-'));
  const stripped = path.join(scratch, 'no-target-features.wasm');
  const strip = spawnSync('wasm-opt', [...enables, '--strip-target-features', wasmFile(stage), '-o', stripped], { env: baseEnv, encoding: 'utf8' });
  if (strip.status !== 0) throw new Error(`wasm-opt --strip-target-features failed: ${strip.stderr}`);
  /** @param {string} input @param {string[]} flags */
  const verdict = (input, flags) => {
    const optimise = spawnSync('wasm-opt', [...flags, input, '-o', path.join(scratch, 'opt.wasm')], { env: baseEnv, encoding: 'utf8' });
    if (optimise.status === 0) return 'accepted';
    const said = `${optimise.stderr}\n${optimise.stdout}`.split('\n').find((line) => /error/i.test(line)) ?? `exit ${optimise.status}`;
    return `refused (${said.trim().replace(/^\[wasm-validator error[^\]]*\]\s*/, '').replace(/,\s*on$/, '')})`;
  };
  const lines = enables.map((flag) => {
    const others = all.filter((other) => other !== flag);
    return `without ${flag}: ${verdict(wasmFile(stage), others)}; without its target_features section too: ${verdict(stripped, others)}`;
  });
  const refused = lines.some((line) => line.split(';')[0].includes('refused'));
  return { setting: 'wasm-opt --enable-*', stage: refused ? 'wasm-opt' : 'runs', message: lines.join('\n') };
}

async function withoutIsolation() {
  console.log('flag-errors: without COOP/COEP');
  return { setting: 'COOP + COEP headers', ...(await runDemo(path.join(scratch, 'no-isolation'), { isolation: false, ownPkg: true })) };
}

/**
 * Serves the stage-3 demo from a scratch copy in `root`, next to a variant's
 * pkg/ (or with the demo's own, `ownPkg`), clicks Run with 2 workers in
 * Chromium, and reports what the page said.
 * @param {string} root @param {{ isolation?: boolean, ownPkg?: boolean }} [options]
 */
async function runDemo(root, { isolation = true, ownPkg = false } = {}) {
  const pkg = path.join(demoDir(stage), 'pkg');
  cpSync(demoDir(stage), path.join(root, 'demos', stage.slug), { recursive: true, filter: (source) => ownPkg || !source.startsWith(pkg) });
  cpSync(path.join(repoRoot, 'demos', 'shared'), path.join(root, 'demos', 'shared'), { recursive: true });
  // startSiteServer waits until `/` answers.
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>flag-errors</title>\n');
  // TEST_PORT: the port base of whoever runs it (several people share a machine).
  const port = process.env.TEST_PORT ? Number(process.env.TEST_PORT) + 9 : 4340 + Math.floor(Math.random() * 50);
  const stopServer = await startSiteServer(port, { root, isolation });
  const { channel, launchOptions } = launchSettings('chromium');
  const browser = await chromium.launch({ channel, ...launchOptions });
  browserVersion = browser.version();
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`http://localhost:${port}/demos/${stage.slug}/`);
    const state = () => page.locator('[data-status]').getAttribute('data-state');
    // Until the page has settled: ready, or what stopped it.
    await page
      .waitForFunction(() => ['ready', 'failed', 'unsupported'].includes(document.querySelector('[data-status]')?.getAttribute('data-state') ?? ''), null, { timeout: 30_000 })
      .catch(() => {});
    if ((await state()) === 'ready') {
      await page.fill('input[name="count"]', '2');
      await page.click('button[type="submit"]');
      await page
        .waitForFunction(() => ['done', 'failed'].includes(document.querySelector('[data-status]')?.getAttribute('data-state') ?? ''), null, { timeout: 20_000 })
        .catch(() => {});
    }
    const finalState = await state();
    const said = (await page.locator('[data-run-error]').textContent())?.replace('How to fix this', '').trim();
    const message = [said, ...problems].filter(Boolean).join('\n') || (await page.locator('[data-status]').textContent());
    return { stage: finalState === 'done' ? 'runs' : 'browser', message };
  } finally {
    await browser.close();
    await stopServer();
  }
}
