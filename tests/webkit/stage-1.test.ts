import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SITE, webkitPage } from './webkit.ts';

const PAGE = `${SITE}/stages/01-main-thread/`;
const DEMO = '#main-thread-demo';

describe('stage 1 in WebKit: Rust on the main thread', () => {
  const page = webkitPage();

  test('the page is cross-origin isolated', async () => {
    await page.open(PAGE);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  });

  test('the greeting for a typed name comes from Rust, which counts 5 characters in "Zoë 🦀"', async () => {
    await page.open(PAGE);
    await page.waitFor('the Greet button', 10_000, (css: string) => !document.querySelector<HTMLButtonElement>(css)?.disabled, `${DEMO} button`);
    await page.type(`${DEMO} input`, 'Zoë 🦀');
    await page.click(`${DEMO} button`);
    const greeting = await page.waitFor('the greeting', 10_000, (css: string) => document.querySelector(css)?.textContent, `${DEMO} output`);
    // JavaScript's length would say 6: the crab is two UTF-16 code units, one char in Rust.
    // The name sits between U+2068 and U+2069, which isolate it from the sentence's direction.
    assert.equal(greeting, 'Hello, \u2068Zoë 🦀\u2069! Rust counted 5 characters in your name.');
  });
});
