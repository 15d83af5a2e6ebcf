import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ISOLATED, RUNS, UNISOLATED_SHARED } from '../lib/stage-5-outcomes.ts';
import { SITE, UNISOLATED_SITE, webkitPage, type WebKitPage } from './webkit.ts';

const PAGE = '/demos/05-when-threads-go-wrong/';
const DEMO = '#threads-go-wrong-demo';

/** The demo's status once it has loaded: ready, unisolated or failed. */
function loaded(css: string) {
  const state = document.querySelector<HTMLElement>(css)?.dataset.state;
  return state && state !== 'loading' ? state : null;
}

/** The result panel of one button once its run has ended: its state and what it says the engine said. */
function ended(run: string) {
  const button = document.querySelector(`button[data-run="${run}"]`);
  const panel = button?.closest('.repro-run')?.querySelector<HTMLElement>('[data-result]');
  const state = panel?.dataset.state;
  return state && state !== 'running' ? { state, said: panel.querySelector('[data-said]')?.textContent ?? '' } : null;
}

async function runOne(page: WebKitPage, run: string) {
  await page.click(`${DEMO} button[data-run="${run}"]`);
  return page.waitFor(`${run} to end`, 30_000, ended, run);
}

describe('stage 5 in WebKit: each failure, live', () => {
  const page = webkitPage();

  test('every reproduction gives the outcome the page claims for WebKit, and the page stays ready', async (t) => {
    await page.open(`${SITE}${PAGE}`);
    assert.equal(await page.waitFor('the demo to load', 30_000, loaded, `${DEMO} [data-status]`), 'ready');
    for (const run of RUNS) {
      const result = await runOne(page, run);
      t.diagnostic(`${run}: [${result.state}] ${result.said}`);
      const expected = ISOLATED.webkit[run];
      assert.equal(result.state, expected.state, `${run}: ${result.said}`);
      assert.match(result.said, expected.said, run);
      assert.equal(await page.waitFor('the demo to be ready', 5_000, loaded, `${DEMO} [data-status]`), 'ready');
      assert.equal(await page.evaluate((css: string) => document.querySelector(css)?.textContent, `${DEMO} [data-workers]`), '0');
    }
  });

  test('ten runs of an unwound panic and of the main-thread lock leave no worker behind, and the page’s memory stops growing after the first', async () => {
    await page.open(`${SITE}${PAGE}`);
    assert.equal(await page.waitFor('the demo to load', 30_000, loaded, `${DEMO} [data-status]`), 'ready');
    const memory = () => page.evaluate((css: string) => document.querySelector(css)?.textContent, `${DEMO} [data-memory]`);
    let settled: string | null | undefined;
    for (let repeat = 0; repeat < 10; repeat++) {
      for (const run of ['panic-unwind', 'lock'] as const) {
        assert.equal((await runOne(page, run)).state, ISOLATED.webkit[run].state, `${run}, run ${repeat + 1}`);
        assert.equal(await page.evaluate((css: string) => document.querySelector(css)?.textContent, `${DEMO} [data-workers]`), '0');
      }
      settled ??= await memory();
      assert.equal(await memory(), settled, `the page's memory after run ${repeat + 1}`);
    }
  });

  test('on a page without isolation, only the postMessage checks run, and WebKitGTK posts a shared memory all the same', async (t) => {
    await page.open(`${UNISOLATED_SITE}${PAGE}`);
    assert.equal(await page.waitFor('the demo to load', 30_000, loaded, `${DEMO} [data-status]`), 'unisolated');
    const enabled = await page.evaluate((css: string) => [...document.querySelectorAll<HTMLButtonElement>(css)].filter((b) => !b.disabled).map((b) => b.dataset.run), `${DEMO} button[data-run]`);
    assert.deepEqual(enabled, ['post-plain', 'post-shared']);
    const result = await runOne(page, 'post-shared');
    t.diagnostic(`post-shared, unisolated: [${result.state}] ${result.said}`);
    assert.equal(result.state, UNISOLATED_SHARED.webkit.state, result.said);
    assert.match(result.said, UNISOLATED_SHARED.webkit.said);
  });
});
