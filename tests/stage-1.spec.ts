import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Rust wraps the name in U+2068 … U+2069 (first-strong isolate … pop directional isolate). */
const isolated = (name: string) => `\u2068${name}\u2069`;

/** The page's own copy of Rust's limit, read from the module the page loaded. */
const maxNameChars = (page: Page) =>
  page.evaluate(
    async (url) => (await import(url)).maxNameChars() as number,
    '/demos/01-main-thread/pkg/main_thread.js',
  );

// The tutorial page and the demo's own page run the same files: both greet
// and are isolated; the rest is checked on the demo's own, lighter page.
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
        `Hello, ${isolated('Ada 👋🏽')}! Rust counted 6 characters in your name.`,
      );
    });

    test('the page is cross-origin isolated', async ({ page }) => {
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    });
  });
}

test.describe('stage 1', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/demos/01-main-thread/');
    await expect(page.getByRole('button', { name: 'Greet' })).toBeEnabled();
  });

  test('an empty name is greeted as stranger', async ({ page }) => {
    await page.getByRole('button', { name: 'Greet' }).press('Enter');
    await expect(page.locator('#main-thread-demo output')).toHaveText(
      `Hello, ${isolated('stranger')}! Rust counted 8 characters in your name.`,
    );
  });

  test('the field stops typing at Rust’s limit, and a name at the limit is greeted whole', async ({ page }) => {
    const limit = await maxNameChars(page);
    expect(limit).toBeGreaterThan(10);
    const field = page.getByLabel('Your name');
    await expect(field).toHaveAttribute('maxlength', String(limit));
    const name = 'é'.repeat(limit);
    await field.fill(name);
    await field.press('x');
    await expect(field).toHaveValue(name);
    await field.press('Enter');
    await expect(page.locator('#main-thread-demo output')).toHaveText(
      `Hello, ${isolated(name)}! Rust counted ${limit} characters in your name.`,
    );
  });

  test('a longer name set by script is refused by Rust with a message, and kept in the field', async ({ page }) => {
    const limit = await maxNameChars(page);
    const field = page.getByLabel('Your name');
    await field.fill('Ada');
    await field.press('Enter');
    await expect(page.locator('#main-thread-demo output')).toContainText('Ada');
    // maxlength only limits typing; a script (or a paste in some browsers) can go past it.
    const long = 'é'.repeat(limit + 1);
    await field.evaluate((input: HTMLInputElement, value) => (input.value = value), long);
    await field.press('Enter');
    await expect(page.locator('#main-thread-demo').getByRole('alert')).toHaveText(
      `That name has ${limit + 1} characters; the limit is ${limit}.`,
    );
    await expect(page.locator('#main-thread-demo output')).toHaveText('');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveValue(long);
  });

  test('an unclosed right-to-left override in the name does not reverse the rest of the sentence', async ({
    page,
  }) => {
    await page.getByLabel('Your name').fill('\u202Eabc');
    await page.getByLabel('Your name').press('Enter');
    const output = page.locator('#main-thread-demo output');
    await expect(output).toContainText('Rust counted 4 characters');
    // Where "R" and "u" of "Rust" are drawn: left to right unless the override leaked.
    const [r, u] = await output.evaluate((element) => {
      const text = element.firstChild as Text;
      const at = text.data.indexOf('Rust');
      return [at, at + 1].map((index) => {
        const range = document.createRange();
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        return range.getBoundingClientRect().left;
      });
    });
    expect(r).toBeLessThan(u);
  });
});
