// `npm run bench`: prints how big the stages are and how fast stages 3 and 4 run.
// Numbers only; no test asserts on them (timings vary from machine to machine).
//
//   sizes:  each stage's .wasm and JS glue, raw and gzip -9 (and its panic=unwind build's)
//   pages:  what each page of the built site makes Chromium download on
//           load (HTML, CSS, JS, wasm), gzip -9 as Netlify would compress it
//   stage 3: each way of counting at 1 and 2 workers, how often the race
//           loses updates at 2, and the cost of recording the timeline
//           (scripts/lib/bench-stage-3.mjs)
//   stage 4: the pool's speedup and overhead (scripts/lib/bench-stage-4.mjs)
//   lighthouse: every page but the 404 page, Lighthouse's mobile preset
//   rebuild on save: `npm start`'s save → page times (scripts/lib/bench-rebuild.mjs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { median } from '../demos/shared/timing.js';
import { launchSettings } from './lib/browsers.mjs';
import { printRebuildOnSave } from './lib/bench-rebuild.mjs';
import { benchStage3 } from './lib/bench-stage-3.mjs';
import { benchStage4 } from './lib/bench-stage-4.mjs';
import { builtPages } from './lib/built-pages.mjs';
import { printLighthouse } from './lib/lighthouse.mjs';
import { startSiteServer } from './lib/processes.mjs';
import { run } from './lib/run.mjs';
import { STAGES, glueFile, pkgDir, unwindPkgDir, wasmFile } from './lib/stages.mjs';
import { repoRoot } from './lib/toolchain.mjs';

const PORT = 4330;

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
  // Every page a reader can open (the 404 page aside): the tutorial's and each demo's own.
  printLighthouse(`http://localhost:${PORT}`, builtPages(path.join(repoRoot, 'dist')).filter((route) => route !== '/404.html'));
  await benchStage3(PORT);
  await benchStage4(PORT);
  await printRebuildOnSave({ port: PORT + 1, median });
} finally {
  await stopServer();
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
