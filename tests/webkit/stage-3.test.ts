import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readConstants } from '../../scripts/lib/stage-constants.mjs';
import { numberIn, SITE, UNISOLATED_SITE, webkitPage } from './webkit.ts';

const PAGE = '/stages/03-shared-memory/';
const DEMO = '#shared-memory-demo';
/** Each worker adds 1 to each counter this often (the crate's constants()). */
const INCREMENTS: number = readConstants('03-shared-memory').increments;

/** The demo's state (`data-state` of its status line) once it leaves `running`, and the status text. */
function settledState(css: string) {
  const status = document.querySelector<HTMLElement>(css);
  const state = status?.dataset.state;
  return state && state !== 'running' ? { state, text: status.textContent ?? '' } : null;
}

describe('stage 3 in WebKit: N workers, one shared memory', () => {
  const page = webkitPage();

  test('the page is cross-origin isolated and SharedArrayBuffer exists', async () => {
    await page.open(`${SITE}${PAGE}`);
    assert.deepEqual(await page.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer]), [true, 'function']);
  });

  for (const workers of [2, 4]) {
    test(`with ${workers} workers the run ends done, each greets once, and no atomic increment is lost`, async (t) => {
      await page.open(`${SITE}${PAGE}`);
      const ready = await page.waitFor('the demo to be ready', 20_000, settledState, `${DEMO} [data-status]`);
      assert.equal(ready.state, 'ready', ready.text);

      await page.type(`${DEMO} input[name="count"]`, String(workers));
      await page.click(`${DEMO} button[type="submit"]`);
      // The demo stops a run itself after 30 s; this only guards against a hang.
      const end = await page.waitFor('the run to end', 60_000, settledState, `${DEMO} [data-status]`);
      assert.equal(end.state, 'done', end.text);

      const expected = workers * INCREMENTS;
      assert.equal(await numberIn(page, `${DEMO} [data-atomic-total]`), expected);
      assert.equal(await numberIn(page, `${DEMO} [data-finished]`), workers);
      const racy = await numberIn(page, `${DEMO} [data-racy-total]`);
      // Racy updates can only be lost, never gained.
      assert.ok(racy > 0 && racy <= expected, `racy total ${racy} of ${expected}`);
      t.diagnostic(`WebKit, ${workers} workers: the racy total lost ${(expected - racy).toLocaleString('en')} of ${expected.toLocaleString('en')} updates`);

      // One element per worker; its greeting is its text (a list item) or its data-greeting (a chip).
      const greetings = await page.evaluate(
        (css: string) =>
          [...document.querySelectorAll<HTMLElement>(css)].map((element) => [
            element.dataset.worker,
            element.dataset.greeting ?? element.textContent,
          ]),
        `${DEMO} [data-worker]`,
      );
      assert.deepEqual(greetings.map(([worker]) => worker).toSorted(), Array.from({ length: workers }, (_, i) => String(i)));
      for (const [worker, greeting] of greetings) assert.match(greeting ?? '', new RegExp(`^Hello from worker-${worker}\\b`));
    });
  }

  test('served without the isolation headers, the demo explains what is missing and starts nothing', async () => {
    await page.open(`${UNISOLATED_SITE}${PAGE}`);
    // Unlike Safari, WebKitGTK with JSC_useSharedArrayBuffer=1 exposes SharedArrayBuffer
    // even here: the demo must refuse because the page is not isolated, not because that is missing.
    assert.deepEqual(await page.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer]), [false, 'function']);
    const end = await page.waitFor('the demo to settle', 20_000, settledState, `${DEMO} [data-status]`);
    assert.equal(end.state, 'unsupported', end.text);
    const explanation = await page.evaluate((css: string) => document.querySelector(css)?.textContent ?? '', `${DEMO} [data-run-error]`);
    assert.match(explanation, /crossOriginIsolated is false/);
    assert.equal(await page.evaluate((css: string) => document.querySelector<HTMLButtonElement>(css)?.disabled, `${DEMO} button[type="submit"]`), true);
  });
});
