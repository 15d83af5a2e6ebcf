// Lighthouse's mobile preset (its default: a mid-range phone on a slow 4G link,
// simulated) on pages of a running server, for `npm run bench`. It drives the
// full Chromium (browsers.mjs's fullChromium): Playwright's own, else Debian's
// (CHROME_PATH), not the headless shell the tests drive.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fullChromium } from './browsers.mjs';
import { repoRoot } from './toolchain.mjs';

const CLI = path.join(repoRoot, 'node_modules', 'lighthouse', 'cli', 'index.js');

/**
 * One Lighthouse run on `url`: the figures the bench prints. Lighthouse in
 * Debian's Chromium now and then fails to record the page's trace
 * (NO_NAVSTART); such a run is tried again, up to three times in all.
 */
function audit(url, attempts = 3) {
  try {
    return auditOnce(url);
  } catch (error) {
    if (attempts <= 1) throw error;
    return audit(url, attempts - 1);
  }
}

function auditOnce(url) {
  const chromium = fullChromium();
  const result = spawnSync(
    process.execPath,
    [
      CLI,
      url,
      '--only-categories=performance,accessibility',
      '--chrome-flags=--headless=new --no-sandbox',
      '--output=json',
      '--output-path=stdout',
      '--quiet',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...(chromium && { CHROME_PATH: chromium.executablePath }) },
    },
  );
  if (result.status !== 0) throw new Error(`lighthouse failed on ${url}: ${result.stderr.trim()}`);
  const { categories, audits, runtimeError } = JSON.parse(result.stdout);
  if (runtimeError || categories.performance.score === null) {
    throw new Error(`lighthouse could not measure ${url}: ${runtimeError?.code ?? 'no performance score'}`);
  }
  return {
    performance: Math.round(categories.performance.score * 100),
    accessibility: Math.round(categories.accessibility.score * 100),
    cls: audits['cumulative-layout-shift'].numericValue,
    lcp: audits['largest-contentful-paint'].numericValue,
    tbt: audits['total-blocking-time'].numericValue,
  };
}

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

/** Prints one line per page: the median of `repeats` runs for each figure. */
export function printLighthouse(origin, routes, repeats = 3) {
  console.log(`\nLighthouse mobile preset, median of ${repeats} runs (server gzips like Netlify)`);
  console.log('page                          perf  a11y     CLS   LCP ms   TBT ms');
  for (const route of routes) {
    const runs = Array.from({ length: repeats }, () => audit(`${origin}${route}`));
    const pick = (key) => median(runs.map((run) => run[key]));
    console.log(
      `${route.padEnd(29)}${String(pick('performance')).padStart(5)}${String(pick('accessibility')).padStart(6)}` +
        `${pick('cls').toFixed(3).padStart(8)}${pick('lcp').toFixed(0).padStart(9)}${pick('tbt').toFixed(0).padStart(9)}`,
    );
  }
}
