// Stage 4's part of `npm run bench`: the speedup S(N) = T(1) / T(N) of the
// thread pool for N = 1, 2 and the core count, and the pool's overhead (a pool
// of one thread against the plain loop in the same module), in Chromium and
// Firefox, median of 5 at the demo's default size. The times are the ones the
// owner worker measures around the render call, as on the page. Last, the
// one-thread fallback (pkg-single/, built without atomics, in its own worker)
// against the pool at N=1: the price of the threaded build on one thread.
//
// Then, on the off-centre view (where two equal bands do not cost the same):
// S(2) for each split, the imbalance its timeline shows (the last thread's end
// minus the first thread's, as a share of the render), and the cost of
// recording the timeline (2 threads, rows, recording on and off in turn).
//
//   node scripts/lib/bench-stage-4.mjs [port]   (alone, on an already built dist/)
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium, firefox } from '@playwright/test';
import { median } from '../../demos/shared/timing.js';
import { launchSettings } from './browsers.mjs';
import { startSiteServer } from './processes.mjs';
import { readConstants } from './stage-constants.mjs';

const REPEATS = 5;

/** @param {number} port where dist/ is served with netlify.toml's headers */
export async function benchStage4(port) {
  const cores = os.availableParallelism();
  // 1 first: the overhead compares it with the plain loop.
  const threadCounts = [...new Set([1, 2, cores])];
  console.log(`\nStage 4, median of ${REPEATS} renders at the demo's default size (ms), S(N) = T(1) / T(N)`);
  console.log(
    `browser    ${'plain loop'.padStart(12)}${threadCounts.map((n) => `N=${n}`.padStart(10)).join('')}` +
      `${threadCounts.slice(1).map((n) => `S(${n})`.padStart(8)).join('')}${'overhead'.padStart(10)}` +
      `${'fallback'.padStart(10)}${'vs N=1'.padStart(8)}`,
  );
  /** @type {string[]} */
  const splitLines = [];
  /** @type {string[]} */
  const recordingLines = [];
  for (const [name, type] of [['chromium', chromium], ['firefox', firefox]]) {
    const { channel, launchOptions } = launchSettings(name);
    const browser = await type.launch({ channel, ...launchOptions });
    const page = await browser.newPage();
    // Any page of the site is cross-origin isolated; this one is the demo's own.
    await page.goto(`http://localhost:${port}/demos/04-thread-pool/`);
    const times = await page.evaluate(measureInPage, { threadCounts, repeats: REPEATS });
    const splits = await page.evaluate(measureSplits, { repeats: REPEATS });
    await browser.close();
    splitLines.push(
      `${name.padEnd(11)}${splits.splits
        .map(({ one, two, shares }) => `${(median(one) / median(two)).toFixed(2)} / ${(median(shares) * 100).toFixed(0)}%`.padStart(16))
        .join('')}`,
    );
    const [on, off] = [median(splits.on), median(splits.off)];
    recordingLines.push(`${name.padEnd(11)}${on.toFixed(0).padStart(8)}${off.toFixed(0).padStart(8)}${`${(((on - off) / off) * 100).toFixed(1)}%`.padStart(8)}`);
    const plain = median(times.plain);
    const pooled = times.pool.map(median);
    const overhead = ((pooled[0] - plain) / plain) * 100;
    const fallback = median(times.fallback);
    console.log(
      `${name.padEnd(11)}${plain.toFixed(0).padStart(12)}${pooled.map((ms) => ms.toFixed(0).padStart(10)).join('')}` +
        `${pooled.slice(1).map((ms) => (pooled[0] / ms).toFixed(2).padStart(8)).join('')}${`${overhead.toFixed(1)}%`.padStart(10)}` +
        `${fallback.toFixed(0).padStart(10)}${(fallback / pooled[0]).toFixed(2).padStart(8)}`,
    );
  }
  console.log(`\nStage 4, off-centre view at the default size, median of ${REPEATS}: S(2) = T(1) / T(2) / imbalance at 2 threads`);
  const { options } = readConstants('04-thread-pool').choices.split;
  console.log(`browser    ${options.map((/** @type {string} */ split) => split.padStart(16)).join('')}`);
  for (const line of splitLines) console.log(line);
  console.log(`\nStage 4, recording the timeline: ms at 2 threads, rows, off-centre, median of ${REPEATS} each, on and off in turn`);
  console.log(`browser          on     off    cost`);
  for (const line of recordingLines) console.log(line);
}

/**
 * Runs in the page: renders the off-centre view through the demo's pool
 * client, every split on a pool of 1 thread and on one of 2 in turn (two
 * clients, so that no render waits for a new pool and a machine that slows
 * down weighs on both), then 2 threads with and without recording in turn.
 * Each split's imbalance is read from its 2-thread renders' timelines with
 * the demo's own lanes.js.
 * @param {{ repeats: number }} options
 */
async function measureSplits({ repeats }) {
  const { PoolClient } = await import('/demos/04-thread-pool/pool-client.js');
  const { imbalance } = await import('/demos/04-thread-pool/lanes.js');
  const [one, two] = [new PoolClient(), new PoolClient()];
  const { settings, choices } = await one.constants();
  const size = Object.fromEntries(['width', 'height', 'iterations'].map((name) => [name, String(settings[name].default)]));
  const render = async (client, threads, split, record = true) => {
    const result = await client.render({ ...size, view: 'off-centre', split, threads: String(threads) }, undefined, record);
    if (result.type !== 'rendered') throw new Error(`${result.type}: ${JSON.stringify(result)}`);
    if (result.checksum !== result.plainChecksum) throw new Error(`checksum differs: ${split} on ${threads} threads`);
    return result;
  };
  // A warm-up each, and each pool's start, not counted.
  await render(one, 1, 'rows');
  await render(two, 2, 'rows');
  // Every split the crate offers, in its order; k is the page's default.
  const splits = choices.split.options.map((split) => ({ split, one: [], two: [], shares: [] }));
  for (let i = 0; i < repeats; i++) {
    for (const entry of splits) {
      entry.one.push((await render(one, 1, entry.split)).ms);
      const result = await render(two, 2, entry.split);
      entry.two.push(result.ms);
      entry.shares.push(imbalance(result.timeline).share);
    }
  }
  const on = [];
  const off = [];
  for (let i = 0; i < repeats; i++) {
    on.push((await render(two, 2, 'rows', true)).ms);
    off.push((await render(two, 2, 'rows', false)).ms);
  }
  one.end();
  two.end();
  return { splits, on, off };
}

/**
 * Runs in the page: renders through the demo's own pool client
 * (pool-client.js), as the page does. The plain loop and the one-thread pool
 * take turns, so that a machine that slows down or speeds up while the bench
 * runs (seen: ±10% from one run of five to the next) weighs on both alike and
 * not on the overhead: each round uses a fresh client, whose owner renders the
 * plain loop once for the checksum (and times it) before the pool renders.
 * The fallback client renders in the same rounds, for the same reason; it
 * needs no isolation, but runs here just as on a page without it.
 * Every client first renders a small image, a warm-up, not counted.
 * @param {{ threadCounts: number[], repeats: number }} options
 */
async function measureInPage({ threadCounts, repeats }) {
  const { PoolClient } = await import('/demos/04-thread-pool/pool-client.js');
  const { FallbackClient } = await import('/demos/04-thread-pool/fallback-client.js');
  const fresh = new PoolClient();
  const constants = await fresh.constants();
  const settings = Object.fromEntries(['width', 'height', 'iterations'].map((name) => [name, String(constants.settings[name].default)]));
  const render = async (client, threads, size = settings) => {
    const result = await client.render({ ...size, threads: String(threads) });
    if (result.type !== 'rendered') throw new Error(`${result.type}: ${JSON.stringify(result)}`);
    if (result.checksum !== result.plainChecksum) throw new Error(`checksum differs with ${threads} threads`);
    return result;
  };
  const warmUp = (client, threads) => render(client, threads, { width: '200', height: '100', iterations: '500' });
  const plain = [];
  const one = [];
  const fallback = [];
  const single = new FallbackClient();
  await warmUp(single, 1);
  let client = fresh;
  for (let i = 0; i < repeats; i++) {
    client ??= new PoolClient();
    await warmUp(client, 1);
    const result = await render(client, 1);
    plain.push(result.plainMs);
    one.push(result.ms);
    client.end();
    client = undefined;
    fallback.push((await render(single, 1)).ms);
  }
  single.end();
  client = new PoolClient();
  const pool = [one];
  for (const threads of threadCounts.slice(1)) {
    await warmUp(client, threads);
    const times = [];
    for (let i = 0; i < repeats; i++) times.push((await render(client, threads)).ms);
    pool.push(times);
  }
  client.end();
  return { plain, pool, fallback };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? 4331);
  const stopServer = await startSiteServer(port);
  try {
    await benchStage4(port);
  } finally {
    await stopServer();
  }
}
