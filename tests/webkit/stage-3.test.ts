import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readConstants } from '../../scripts/lib/stage-constants.mjs';
import { readTimeline, timelineProblems } from '../lib/stage-3-timeline.ts';
import { numberIn, SITE, UNISOLATED_SITE, webkitPage } from './webkit.ts';

const PAGE = '/stages/03-shared-memory/';
const DEMO = '#shared-memory-demo';
/** Each worker adds 1 this often; the ways it may count (the crate's constants()). */
const { increments: INCREMENTS, countings: COUNTINGS } = readConstants('03-shared-memory') as { increments: number; countings: string[] };

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

  test('with 2 workers every way of counting ends done and exact, each worker greets once, and the timeline has one ordered lane per worker that its table agrees with', async (t) => {
    await page.open(`${SITE}${PAGE}`);
    const ready = await page.waitFor('the demo to be ready', 20_000, settledState, `${DEMO} [data-status]`);
    assert.equal(ready.state, 'ready', ready.text);
    const expected = 2 * INCREMENTS;
    for (const counting of COUNTINGS) {
      await page.click(`${DEMO} input[name="counting"][value="${counting}"]`);
      await page.type(`${DEMO} input[name="count"]`, '2');
      await page.click(`${DEMO} button[type="submit"]`);
      // The demo stops a run itself after 30 s; this only guards against a hang.
      const end = await page.waitFor('the run to end', 60_000, settledState, `${DEMO} [data-status]`);
      assert.equal(end.state, 'done', `${counting}: ${end.text}`);

      assert.equal(await numberIn(page, `${DEMO} [data-atomic-total]`), expected, counting);
      assert.equal(await numberIn(page, `${DEMO} [data-finished]`), 2, counting);
      if (counting === 'shared-line') {
        const racy = await numberIn(page, `${DEMO} [data-racy-total]`);
        // Racy updates can only be lost, never gained.
        assert.ok(racy > 0 && racy <= expected, `racy total ${racy} of ${expected}`);
        t.diagnostic(`WebKit, 2 workers: the racy total lost ${(expected - racy).toLocaleString('en')} of ${expected.toLocaleString('en')} updates`);
        const step = await page.evaluate((css: string) => document.querySelector<HTMLElement>(css)?.dataset.value, `${DEMO} [data-clock-step]`);
        t.diagnostic(`WebKit's clock step on this isolated page: ${step} ms`);
      }
      const greetings = await page.evaluate(
        (css: string) => [...document.querySelectorAll<HTMLElement>(css)].map((chip) => chip.dataset.greeting),
        `${DEMO} [data-greetings] li[data-worker]`,
      );
      assert.deepEqual(greetings, ['Hello from worker-0!', 'Hello from worker-1!'], counting);
      assert.deepEqual(timelineProblems(await page.evaluate(readTimeline, `${DEMO} [data-lanes]`), 2), [], counting);
      // The next run's form: wait until Run is no longer busy.
      await page.waitFor('Run to be free again', 10_000, (css: string) => !document.querySelector(css)?.hasAttribute('aria-disabled'), `${DEMO} button[type="submit"]`);
    }
  });

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
