import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SITE, webkitPage } from './webkit.ts';

const PAGE = `${SITE}/stages/02-single-worker/`;
const DEMO = '#single-worker-demo';

describe('stage 2 in WebKit: one module worker', () => {
  const page = webkitPage();

  test('the page is cross-origin isolated', async () => {
    await page.open(PAGE);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  });

  test('the worker answers a greeting and names itself as the thread', async () => {
    await page.open(PAGE);
    const ready = await page.waitFor(
      'the worker to be ready',
      15_000,
      (css: string) => {
        const status = document.querySelector<HTMLElement>(css);
        return status?.dataset.state === 'ready' && status.textContent;
      },
      `${DEMO} [role="status"]`,
    );
    assert.match(ready, /the worker named “stage-2-worker”/);

    await page.type(`${DEMO} input[name="name"]`, 'Ada');
    await page.click(`${DEMO} button[type="submit"]`);
    const answer = await page.waitFor(
      'the answer',
      10_000,
      (css: string) => {
        const text = document.querySelector(css)?.textContent ?? '';
        return text.startsWith('Hello') && text;
      },
      `${DEMO} .answers li`,
    );
    // The name sits between U+2068 and U+2069, which isolate it from the sentence's direction.
    assert.equal(answer, 'Hello, \u2068Ada\u2069! Greetings from stage-2-worker.');
  });
});
