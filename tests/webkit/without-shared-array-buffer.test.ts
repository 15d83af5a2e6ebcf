import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startWebKitDriver } from '../../scripts/lib/webkit.mjs';
import { PORTS, SITE, webkitPage } from './webkit.ts';

const PAGE = `${SITE}/stages/03-shared-memory/`;
const DEMO = '#shared-memory-demo';

// WebKitGTK as it ships keeps SharedArrayBuffer hidden even on an isolated page,
// as Safari did before 15.2: what a reader with such a WebKit sees.
describe('stage 3 in a WebKit that hides SharedArrayBuffer', () => {
  let stopDriver = async () => {};
  before(async () => {
    stopDriver = await startWebKitDriver(PORTS.plainDriver, { sharedArrayBuffer: false });
  });
  const page = webkitPage(PORTS.plainDriver);
  // Registered after webkitPage's own, so it runs after the session has closed.
  after(() => stopDriver());

  test('the page is isolated but has no SharedArrayBuffer; the demo says so and starts nothing', async () => {
    await page.open(PAGE);
    assert.deepEqual(await page.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer]), [true, 'undefined']);
    const status = await page.waitFor(
      'the demo to settle',
      20_000,
      (css: string) => {
        const element = document.querySelector<HTMLElement>(css);
        return element?.dataset.state !== undefined && element.dataset.state;
      },
      `${DEMO} [data-status]`,
    );
    assert.equal(status, 'unsupported');
    const explanation = await page.evaluate((css: string) => document.querySelector(css)?.textContent ?? '', `${DEMO} [data-run-error]`);
    assert.match(explanation, /SharedArrayBuffer/);
    assert.equal(await page.evaluate((css: string) => document.querySelector<HTMLButtonElement>(css)?.disabled, `${DEMO} button[type="submit"]`), true);
  });

  test('the preflight panel passes the isolation check and fails the SharedArrayBuffer check', async () => {
    await page.open(PAGE);
    const verdicts = await page.waitFor('the preflight panel', 10_000, () => {
      const rows = [...document.querySelectorAll<HTMLElement>('preflight-panel [data-capability]')];
      return rows.length > 0 && Object.fromEntries(rows.map((row) => [row.dataset.capability, row.dataset.state]));
    });
    assert.equal(verdicts['cross-origin-isolated'], 'pass');
    assert.equal(verdicts['shared-array-buffer'], 'fail');
  });
});
