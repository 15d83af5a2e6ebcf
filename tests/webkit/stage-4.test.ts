import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SITE, webkitPage } from './webkit.ts';
import { readTimeline } from '../lib/stage-3-timeline.ts';
import { poolTimelineProblems, readPoolExtras } from '../lib/stage-4-timeline.ts';

const PAGE = `${SITE}/stages/04-thread-pool/`;
const DEMO = '#thread-pool-demo';
/** Small enough that a render takes milliseconds, big enough that every thread gets rows. */
const TINY = { width: '96', height: '64', iterations: '200' };

describe('stage 4 in WebKit: a thread pool', () => {
  const page = webkitPage();

  const ready = () =>
    page.waitFor(
      'the Render button',
      30_000,
      (css: string) => document.querySelector<HTMLButtonElement>(`${css} button[type="submit"]`)?.disabled === false,
      DEMO,
    );

  /** Fills the fields, clicks Render, and returns what the page says about the render. */
  async function render(settings: Record<string, string>) {
    for (const [name, value] of Object.entries(settings)) await page.type(`${DEMO} input[name="${name}"]`, value);
    await page.click(`${DEMO} button[type="submit"]`);
    return page.waitFor(
      'the render to end',
      60_000,
      (css: string) => {
        const demo = document.querySelector(css)!;
        const state = demo.querySelector<HTMLElement>('[data-status]')?.dataset.state;
        if (state !== 'done' && state !== 'failed' && state !== 'panicked') return null;
        const attribute = (name: string) => demo.querySelector<HTMLElement>(`[data-${name}]`)?.getAttribute(`data-${name}`);
        return {
          state,
          threads: demo.querySelector('[data-threads]')?.textContent,
          checksum: attribute('checksum'),
          matches: attribute('matches'),
          poolWorkers: demo.querySelector('[data-pool-workers]')?.textContent,
          error: demo.querySelector('[data-run-error]')?.textContent ?? '',
        };
      },
      DEMO,
    );
  }

  test('the page is cross-origin isolated and the demo gets ready', async () => {
    await page.open(PAGE);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    await ready();
  });

  test('1 and 2 threads draw the same pixels as the plain loop', async () => {
    await page.open(PAGE);
    await ready();
    const one = await render({ threads: '1', ...TINY });
    assert.deepEqual({ ...one, checksum: undefined }, { state: 'done', threads: '1', checksum: undefined, matches: 'true', poolWorkers: '1', error: '' });
    const two = await render({ threads: '2', ...TINY });
    assert.deepEqual({ ...two, checksum: undefined }, { state: 'done', threads: '2', checksum: undefined, matches: 'true', poolWorkers: '2', error: '' });
    assert.ok(one.checksum && /^\d+$/.test(one.checksum), `a checksum: ${one.checksum}`);
    assert.equal(two.checksum, one.checksum);
  });

  test('every split on the off-centre view draws the same pixels, and each render’s lanes, table and tint agree', async () => {
    await page.open(PAGE);
    await ready();
    await page.click(`${DEMO} input[name="view"][value="off-centre"]`);
    const checksums = new Set<string | null | undefined>();
    for (const split of ['rows', 'bands', 'min-len']) {
      await page.click(`${DEMO} input[name="split"][value="${split}"]`);
      const result = await render({ threads: '2', ...TINY, 'min-len': '5' });
      assert.deepEqual({ state: result.state, matches: result.matches, error: result.error }, { state: 'done', matches: 'true', error: '' }, split);
      checksums.add(result.checksum);
      const drawn = { ...(await page.evaluate(readTimeline, `${DEMO} [data-lanes]`)), ...(await page.evaluate(readPoolExtras, DEMO)) };
      assert.deepEqual(poolTimelineProblems(drawn, 2, Number(TINY.height)), [], split);
    }
    assert.equal(checksums.size, 1);
  });

  // WebDriver cannot instrument the page before its scripts run, so unlike
  // tests/stage-4.spec.ts this does not count worker constructions: it checks
  // that the pool still has its workers and renders right after the panic.
  test('a panicking row comes back as an error (the build unwinds), and the pool renders the next image', async () => {
    await page.open(`${PAGE}?panic-row=10`);
    await ready();
    const panicked = await render({ threads: '2', ...TINY });
    assert.equal(panicked.state, 'panicked');
    assert.match(panicked.error, /row 10 was asked to fail/);
    assert.equal(panicked.poolWorkers, '2');
    const next = await render({ threads: '2', ...TINY });
    assert.deepEqual({ ...next, checksum: undefined }, { state: 'done', threads: '2', checksum: undefined, matches: 'true', poolWorkers: '2', error: '' });
  });
});
