import { test as base, expect } from '@playwright/test';

type Options = {
  /** Console errors a test expects (a 404 it provokes, say). Anything else fails it. */
  allowedConsoleErrors: RegExp[];
};

/**
 * Every test fails on a console error or an uncaught exception in the page, so
 * that "the page looks right" can never hide a broken script.
 */
export const test = base.extend<Options>({
  allowedConsoleErrors: [[], { option: true }],
  page: async ({ page, allowedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (allowedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
      problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    await use(page);
    expect(problems, 'console errors or uncaught exceptions').toEqual([]);
  },
});

export { expect };
