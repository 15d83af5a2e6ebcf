import type { Page } from '@playwright/test';
import { SITE_PORT } from '../../playwright.config';
import { startDevCopy } from '../../scripts/lib/dev-copy.mjs';
import { expect, test } from '../fixtures';

// `npm start`'s dev server on a copy of the repository: saving a crate's source
// rebuilds it and reloads the page; a compile error is shown over the page.
const LIB = 'rust/01-main-thread/src/lib.rs';
/** A cargo build and a reload: generous, since the machine may be busy. */
const REBUILT = { timeout: 120_000, intervals: [1000] };

/** Greets "Ada" on stage 1's demo, as it is on the page right now, and expects the answer to start with `greeting`. */
async function expectGreeting(page: Page, greeting: string) {
  const demo = page.locator('#main-thread-demo');
  await demo.getByLabel('Your name').fill('Ada', { timeout: 2000 });
  await demo.getByRole('button', { name: 'Greet' }).click({ timeout: 2000 });
  await expect(demo.locator('output')).toHaveText(new RegExp(`^${greeting}.*Ada`), { timeout: 2000 });
}

test.describe('npm start rebuilds on save', () => {
  test.setTimeout(360_000);

  test('a compile error is shown over the open page until a save fixes it, and the saved greeting then reaches the page', async ({ page }) => {
    const copy = await startDevCopy({ port: SITE_PORT + 3 });
    try {
      await page.goto(`${copy.url}/stages/01-main-thread/`);
      await expect(() => expectGreeting(page, 'Hello, ')).toPass(REBUILT);

      // The page is not touched: only the file changes, and the page reloads by itself.
      copy.edit(LIB, (text) => `${text}\nfn broken( {}\n`);
      const overlay = page.locator('vite-error-overlay');
      await expect(overlay).toContainText('did not build', REBUILT);
      await expect(overlay).toContainText('error');

      // One save both fixes the error and changes the greeting: the overlay goes
      // and the new greeting reaches the page (two cargo builds, not three).
      copy.edit(LIB, (text) => text.replace('\nfn broken( {}\n', '').replace('"Hello, ', '"Howdy, '));
      await expect(overlay).toHaveCount(0, REBUILT);
      await expect(() => expectGreeting(page, 'Howdy, ')).toPass(REBUILT);
    } catch (error) {
      console.log(copy.log());
      throw error;
    } finally {
      copy.stop();
    }
  });
});
