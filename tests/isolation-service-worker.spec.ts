import type { Page } from '@playwright/test';
import { SERVICE_WORKER_PORT } from '../playwright.config';
import { expect, test } from './fixtures';

// The build for hosts that cannot send headers (ISOLATION=service-worker), served
// here WITHOUT the isolation headers, as GitHub Pages would serve it.
const ORIGIN = `http://localhost:${SERVICE_WORKER_PORT}`;

/** Opens `path` and waits through the one reload until the page is isolated. */
async function openIsolated(page: Page, path: string) {
  await page.goto(`${ORIGIN}${path}`);
  // The reload destroys the page's context: an evaluate cut off by it counts as "not yet".
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 20_000 }).toBe(true);
  await page.waitForLoadState('load');
}

test.describe('the service-worker build on a host without isolation headers', () => {
  // The one reload can cut off a script the page is still importing (Starlight
  // loads its search UI lazily); Firefox then reports that import as an
  // uncaught error. Only that is allowed: the page after the reload must be clean.
  test.use({ allowedErrors: /^error loading dynamically imported module: .*\/_astro\// });
  test('the first visit reloads once and is then cross-origin isolated', async ({ page }) => {
    await openIsolated(page, '/');
    const after = await page.evaluate(() => ({
      reloaded: sessionStorage.getItem('isolation-sw-reloaded'),
      controlled: navigator.serviceWorker.controller !== null,
      sharedArrayBuffer: typeof SharedArrayBuffer,
    }));
    expect(after).toEqual({ reloaded: '1', controlled: true, sharedArrayBuffer: 'function' });
  });

  test('stage 3 runs its workers on the shared memory', async ({ page }) => {
    await openIsolated(page, '/stages/03-shared-memory/');
    const demo = page.locator('#shared-memory-demo');
    const status = demo.locator('[data-status]');
    await expect(status).toHaveAttribute('data-state', 'ready');
    await demo.getByLabel('Workers').fill('2');
    await demo.getByRole('button', { name: 'Run' }).click();
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(status).toContainText('Atomic total matches exactly');
  });
});
