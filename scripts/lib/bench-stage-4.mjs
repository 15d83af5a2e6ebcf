// Stage 4's part of `npm run bench`: the speedup S(N) = T(1) / T(N) of the
// thread pool for N = 1, 2 and the core count, and the pool's overhead (a pool
// of one thread against the plain loop in the same module), in Chromium and
// Firefox, median of 5 at the demo's default size. The times are the ones the
// owner worker measures around the render call, as on the page.
//
//   node scripts/lib/bench-stage-4.mjs   (alone, on an already built dist/)
import { spawn } from 'node:child_process';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium, firefox } from '@playwright/test';
import { launchSettings } from './browsers.mjs';
import { repoRoot } from './toolchain.mjs';

const REPEATS = 5;

/** @param {number} port where dist/ is served with netlify.toml's headers */
export async function benchStage4(port) {
  const cores = os.availableParallelism();
  // 1 first: the overhead compares it with the plain loop.
  const threadCounts = [...new Set([1, 2, cores])];
  console.log(`\nStage 4, median of ${REPEATS} renders at the demo's default size (ms), S(N) = T(1) / T(N)`);
  console.log(
    `browser    ${'plain loop'.padStart(12)}${threadCounts.map((n) => `N=${n}`.padStart(10)).join('')}` +
      `${threadCounts.slice(1).map((n) => `S(${n})`.padStart(8)).join('')}${'overhead'.padStart(10)}`,
  );
  for (const [name, type] of [['chromium', chromium], ['firefox', firefox]]) {
    const { channel, launchOptions } = launchSettings(name);
    const browser = await type.launch({ channel, ...launchOptions });
    const page = await browser.newPage();
    // Any page of the site is cross-origin isolated; this one is the demo's own.
    await page.goto(`http://localhost:${port}/demos/04-thread-pool/`);
    const times = await page.evaluate(measureInPage, { threadCounts, repeats: REPEATS });
    await browser.close();
    const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
    const plain = median(times.plain);
    const pooled = times.pool.map(median);
    const overhead = ((pooled[0] - plain) / plain) * 100;
    console.log(
      `${name.padEnd(11)}${plain.toFixed(0).padStart(12)}${pooled.map((ms) => ms.toFixed(0).padStart(10)).join('')}` +
        `${pooled.slice(1).map((ms) => (pooled[0] / ms).toFixed(2).padStart(8)).join('')}${`${overhead.toFixed(1)}%`.padStart(10)}`,
    );
  }
}

/**
 * Runs in the page: talks to a fresh owner worker with the page's own
 * messages (messages.d.ts). The first render of each kind is a warm-up, not counted.
 * @param {{ threadCounts: number[], repeats: number }} options
 */
async function measureInPage({ threadCounts, repeats }) {
  const owner = new Worker('/demos/04-thread-pool/owner.js', { type: 'module', name: 'bench-owner' });
  // The owner's next message, passing over `rendering` (which only says the render has begun).
  const next = () =>
    new Promise((resolve, reject) => {
      const onMessage = (event) => {
        if (event.data.type === 'rendering') return;
        owner.removeEventListener('message', onMessage);
        resolve(event.data);
      };
      owner.addEventListener('message', onMessage);
      owner.addEventListener('error', (event) => reject(new Error(event.message)), { once: true });
    });
  const ready = await next();
  const settings = Object.fromEntries(Object.entries(ready.limits).map(([name, limit]) => [name, String(limit.default)]));
  const render = async (threads, sequential) => {
    const answer = next();
    owner.postMessage({ type: 'render', settings: { ...settings, threads: String(threads) }, sequential });
    const result = await answer;
    if (result.type !== 'rendered') throw new Error(`${result.type}: ${JSON.stringify(result)}`);
    if (result.checksum !== result.referenceChecksum) throw new Error(`checksum differs with ${threads} threads`);
    return result.ms;
  };
  const timesOf = async (threads, sequential) => {
    await render(threads, sequential);
    const times = [];
    for (let i = 0; i < repeats; i++) times.push(await render(threads, sequential));
    return times;
  };
  // The plain loop and the one-thread pool take turns, so that a machine that
  // slows down or speeds up while the bench runs (seen: ±10% from one run of
  // five to the next) weighs on both alike and not on the overhead.
  await render(1, true);
  await render(1, false);
  const plain = [];
  const one = [];
  for (let i = 0; i < repeats; i++) {
    plain.push(await render(1, true));
    one.push(await render(1, false));
  }
  const pool = [one];
  for (const threads of threadCounts.slice(1)) pool.push(await timesOf(threads, false));
  owner.terminate();
  return { plain, pool };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = 4331;
  const server = spawn('node', ['scripts/serve.mjs', '--root', 'dist', '--port', String(port)], { cwd: repoRoot, stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 500));
  try {
    await benchStage4(port);
  } finally {
    server.kill();
  }
}
