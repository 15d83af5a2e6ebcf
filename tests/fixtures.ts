import { test as base, expect } from '@playwright/test';

type Options = {
  /**
   * Errors a test provokes on purpose (a 404, say), as the browser words them.
   * Anything else fails the test. (One pattern: Playwright would read an
   * array option as a [value, options] pair.)
   */
  allowedErrors: RegExp | null;
};

/**
 * Every test fails on a console error or an uncaught exception in the page, so
 * that "the page looks right" can never hide a broken script.
 */
export const test = base.extend<Options>({
  allowedErrors: [null, { option: true }],
  page: async ({ page, allowedErrors }, use) => {
    const problems: string[] = [];
    const report = (problem: string, text: string) => {
      if (!allowedErrors?.test(text)) problems.push(`${problem}: ${text}`);
    };
    page.on('console', (message) => {
      if (message.type() === 'error') report('console error', message.text());
    });
    // Firefox reports a worker script it refused to load here, as well as real uncaught exceptions.
    page.on('pageerror', (error) => report('uncaught', error.message));
    await use(page);
    expect(problems, 'console errors or uncaught exceptions').toEqual([]);
  },
});

export { expect };
