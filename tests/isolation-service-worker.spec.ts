import { SERVICE_WORKER_PORT } from '../playwright.config';
import { expect, test } from './fixtures';
import { RELOAD_CUT_OFF, openIsolated } from './isolated-page';

// The build for hosts that cannot send headers (ISOLATION=service-worker), served
// here WITHOUT the isolation headers, as GitHub Pages would serve it.
const ORIGIN = `http://localhost:${SERVICE_WORKER_PORT}`;

test.describe('the service-worker build on a host without isolation headers', () => {
  test.use({ allowedErrors: RELOAD_CUT_OFF });
  test('the first visit reloads once and is then cross-origin isolated', async ({ page }) => {
    await openIsolated(page, `${ORIGIN}/`);
    const after = await page.evaluate(() => ({
      reloaded: sessionStorage.getItem('isolation-sw-reloaded'),
      controlled: navigator.serviceWorker.controller !== null,
      sharedArrayBuffer: typeof SharedArrayBuffer,
    }));
    expect(after).toEqual({ reloaded: '1', controlled: true, sharedArrayBuffer: 'function' });
  });

  test('stage 3 runs its workers on the shared memory', async ({ page }) => {
    await openIsolated(page, `${ORIGIN}/stages/03-shared-memory/`);
    const demo = page.locator('#shared-memory-demo');
    const status = demo.locator('[data-status]');
    await expect(status).toHaveAttribute('data-state', 'ready');
    await demo.getByLabel('Workers').fill('2');
    await demo.getByRole('button', { name: 'Run' }).click();
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(status).toContainText('Atomic total matches exactly');
  });
});
