// `npm run bench`: prints how big the stages are and how fast stages 3 and 4 run.
// Numbers only; no test asserts on them (timings vary from machine to machine).
//
//   sizes:  each stage's .wasm and JS glue, raw and gzip -9 (and its panic=unwind build's)
//   pages:  what each page of the built site makes Chromium download on
//           load (HTML, CSS, JS, wasm), gzip -9 as Netlify would compress it
//   timing: stage 3 in Chromium and Firefox, for 1, 2, 4 and 8 workers, from
//           the click on Run to every worker's greeting in the page, and to
//           "done" (every worker has counted its increments twice); median of 5.
//   stage 4: the pool's speedup and overhead (scripts/lib/bench-stage-4.mjs)
//   lighthouse: the home page and every stage page, Lighthouse's mobile preset
//   rebuild on save: `npm start`'s save → page times (scripts/lib/bench-rebuild.mjs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, firefox } from '@playwright/test';
import { median } from '../demos/shared/timing.js';
import { launchSettings } from './lib/browsers.mjs';
import { printRebuildOnSave } from './lib/bench-rebuild.mjs';
import { benchStage4 } from './lib/bench-stage-4.mjs';
import { builtPages } from './lib/built-pages.mjs';
import { printLighthouse } from './lib/lighthouse.mjs';
import { startSiteServer } from './lib/processes.mjs';
import { run } from './lib/run.mjs';
import { STAGES, glueFile, pkgDir, unwindPkgDir, wasmFile } from './lib/stages.mjs';
import { repoRoot } from './lib/toolchain.mjs';

const PORT = 4330;
const WORKER_COUNTS = [1, 2, 4, 8];
const REPEATS = 5;

run('node', ['scripts/build-wasm.mjs'], { cwd: repoRoot, stdio: 'ignore' });
run('npx', ['astro', 'build', '--silent'], { cwd: repoRoot, stdio: 'ignore' });

console.log('Sizes (bytes)');
/** Wide enough for the longest stage name. */
const NAME_WIDTH = Math.max(...STAGES.map((stage) => stage.slug.length)) + 2;
console.log(`${'stage'.padEnd(NAME_WIDTH)}${['wasm raw', 'wasm gzip', 'glue raw', 'glue gzip'].map((title) => title.padStart(11)).join('')}`);
// A stage that is also built with panic = "unwind" gets a second row for that build.
const builds = STAGES.flatMap((stage) => [
  { name: stage.slug, files: [wasmFile(stage), glueFile(stage)] },
  ...(stage.unwind ? [{ name: '  panic=unwind', files: [wasmFile(stage), glueFile(stage)].map((file) => file.replace(pkgDir(stage), unwindPkgDir(stage))) }] : []),
]);
for (const { name, files } of builds) {
  const sizes = files.flatMap((file) => {
    const bytes = readFileSync(file);
    return [bytes.length, gzipSync(bytes, { level: 9 }).length];
  });
  console.log(`${name.padEnd(NAME_WIDTH)}${sizes.map((size) => String(size).padStart(11)).join('')}`);
}

const stopServer = await startSiteServer(PORT);

try {
  await printPageWeights();
  const stagePages = builtPages(path.join(repoRoot, 'dist')).filter((route) => route.startsWith('/stages/'));
  printLighthouse(`http://localhost:${PORT}`, ['/', ...stagePages]);
  console.log(`\nStage 3, median of ${REPEATS} runs (ms): click → all greetings / click → done`);
  console.log(`browser    ${WORKER_COUNTS.map((n) => `n=${n}`.padStart(16)).join('')}`);
  for (const [name, type] of [['chromium', chromium], ['firefox', firefox]]) {
    const { channel, launchOptions } = launchSettings(name);
    const browser = await type.launch({ channel, ...launchOptions });
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT}/demos/03-shared-memory/`);
    await page.locator('#shared-memory-demo button[type="submit"]:enabled').waitFor();
    const cells = [];
    for (const n of WORKER_COUNTS) {
      const greeted = [];
      const done = [];
      for (let i = 0; i < REPEATS; i++) {
        const times = await page.evaluate(measureOneRun, n);
        greeted.push(times.greeted);
        done.push(times.done);
      }
      cells.push(`${median(greeted).toFixed(0)} / ${median(done).toFixed(0)}`.padStart(16));
    }
    console.log(`${name.padEnd(11)}${cells.join('')}`);
    await browser.close();
  }
  await benchStage4(PORT);
  await printRebuildOnSave({ port: PORT + 1, median });
} finally {
  await stopServer();
}

/** Runs in the page: clicks Run for `n` workers and times the greetings and the end. */
function measureOneRun(n) {
  const form = document.getElementById('shared-memory-demo');
  const list = form.querySelector('[data-greetings]');
  const status = form.querySelector('[data-status]');
  form.querySelector('input[name="count"]').value = String(n);
  return new Promise((resolve, reject) => {
    let greeted;
    const started = performance.now();
    // A worker's chip leaves "starting" once its greeting is in the shared memory.
    const greetedChips = () => list.querySelectorAll('li[data-worker]:not([data-state="starting"])').length;
    const observer = new MutationObserver(() => {
      if (greeted === undefined && greetedChips() === n) greeted = performance.now() - started;
      if (status.dataset.state === 'done') {
        observer.disconnect();
        resolve({ greeted, done: performance.now() - started });
      } else if (status.dataset.state === 'failed') {
        observer.disconnect();
        reject(new Error(status.textContent));
      }
    });
    observer.observe(form, { subtree: true, childList: true, attributes: true, characterData: true });
    form.querySelector('button[type="submit"]').click();
  });
}

/** Loads every page of dist/ in Chromium and adds up what it downloaded, by kind. */
async function printPageWeights() {
  // The tutorial's pages; the demos' own pages are part of the stage pages' figures.
  const pages = builtPages(path.join(repoRoot, 'dist')).filter((route) => route.endsWith('/') && !route.startsWith('/demos/'));
  const kinds = ['html', 'css', 'js', 'wasm'];
  const kindOf = (url) => (url.endsWith('/') ? 'html' : kinds.find((kind) => url.endsWith(`.${kind}`)));
  console.log('\nPage weight on load, gzip -9 bytes (Chromium, cache off)');
  console.log(`page                         ${kinds.map((kind) => kind.padStart(8)).join('')}   total`);
  const { channel, launchOptions } = launchSettings('chromium');
  const browser = await chromium.launch({ channel, ...launchOptions });
  for (const route of pages) {
    const page = await browser.newPage();
    const totals = Object.fromEntries(kinds.map((kind) => [kind, 0]));
    page.on('response', async (response) => {
      const kind = kindOf(new URL(response.url()).pathname);
      if (!kind) return;
      const body = await response.body().catch(() => Buffer.alloc(0));
      totals[kind] += gzipSync(body, { level: 9 }).length;
    });
    await page.goto(`http://localhost:${PORT}${route}`, { waitUntil: 'networkidle' });
    await page.close();
    const sum = kinds.reduce((total, kind) => total + totals[kind], 0);
    console.log(`${route.padEnd(29)}${kinds.map((kind) => String(totals[kind]).padStart(8)).join('')}${String(sum).padStart(8)}`);
  }
  await browser.close();
}
