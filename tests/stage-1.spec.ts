import { expect, test } from './fixtures';

// The tutorial page and the demo's own page run the same files.
for (const path of ['/stages/01-main-thread/', '/demos/01-main-thread/']) {
  test.describe(`stage 1 at ${path}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('button', { name: 'Greet' })).toBeEnabled();
    });

    test('the greeting for a typed name comes from Rust', async ({ page }) => {
      await page.getByLabel('Your name').fill('Ada 👋🏽');
      await page.getByRole('button', { name: 'Greet' }).click();
      // Rust counts 6 scalar values; JavaScript's length would say 8.
      await expect(page.locator('#main-thread-demo output')).toHaveText(
        'Hello, Ada 👋🏽! Rust counted 6 characters in your name.',
      );
    });

    test('an empty name is greeted as stranger', async ({ page }) => {
      await page.getByRole('button', { name: 'Greet' }).press('Enter');
      await expect(page.locator('#main-thread-demo output')).toHaveText(
        'Hello, stranger! Rust counted 8 characters in your name.',
      );
    });

    test('a 10,000-character name is greeted whole', async ({ page }) => {
      const name = 'é'.repeat(10_000);
      await page.getByLabel('Your name').fill(name);
      await page.getByLabel('Your name').press('Enter');
      await expect(page.locator('#main-thread-demo output')).toHaveText(
        `Hello, ${name}! Rust counted 10000 characters in your name.`,
      );
    });

    test('the page is cross-origin isolated', async ({ page }) => {
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    });
  });
}
