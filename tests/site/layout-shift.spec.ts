import { builtPages } from '../../scripts/lib/built-pages.mjs';
import { expect, test } from '../fixtures';

// Nothing on a page may jump while it loads, least of all a demo whose text
// changes once its wasm is ready. Measured as Lighthouse's mobile preset does
// (issue 9 asks for its CLS to stay under 0.02): on a phone-sized screen, where
// a sentence that grows by a line pushes everything below it down.

/** Lighthouse's mobile preset: a Moto G Power's screen, in CSS pixels. */
const PHONE = { width: 412, height: 823 };
/** Issue 9's budget for Cumulative Layout Shift on every page. */
const BUDGET = 0.02;

declare global {
  interface Window {
    layoutShift: number;
  }
}

test.use({ viewport: PHONE });

test('no page moves more than the layout-shift budget while it loads, on a phone', async ({ page, browserName }) => {
  test.skip(browserName !== 'chromium', 'only Chromium reports layout shifts to the page');
  const pages = builtPages();
  test.setTimeout(10_000 + pages.length * 5_000);
  await page.addInitScript(() => {
    window.layoutShift = 0;
    // Layout shift entries have no type in TypeScript's DOM library yet.
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) window.layoutShift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const route of pages) {
    await page.goto(route);
    // A demo's status says "Ready…" once its wasm has loaded and it has filled in its text.
    await expect(page.locator('form.demo [role="status"]').filter({ hasNotText: /^Ready/ })).toHaveCount(0);
    // Long enough for the frame after the last change to be drawn and reported.
    await page.waitForTimeout(500);
    expect.soft(await page.evaluate(() => window.layoutShift), `layout shift on ${route}`).toBeLessThan(BUDGET);
  }
});
