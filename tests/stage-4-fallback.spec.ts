import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { UNISOLATED_PORT } from '../playwright.config';

/** The demo's own page, served without COOP/COEP/CORP (the fallback) and with them (the pool). */
const UNISOLATED = `http://localhost:${UNISOLATED_PORT}/demos/04-thread-pool/`;
const ISOLATED = '/demos/04-thread-pool/';
const SETTINGS = { width: '160', height: '90', iterations: '300' };

/** Renders SETTINGS on one thread, once the page is ready, and returns the checksum it shows. */
async function renderOnOneThread(page: Page, url: string) {
  await page.goto(url);
  const demo = page.locator('#thread-pool-demo');
  const renderButton = demo.getByRole('button', { name: 'Render' });
  await expect(renderButton).toBeEnabled({ timeout: 30_000 });
  await demo.locator('input[name="threads"]').fill('1');
  for (const [name, value] of Object.entries(SETTINGS)) await demo.locator(`input[name="${name}"]`).fill(value);
  await renderButton.click();
  await expect(demo.locator('[data-status]')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  return { demo, checksum: await checksum(demo) };
}

const checksum = (demo: Locator) => demo.locator('[data-checksum]').getAttribute('data-checksum');

test.describe('stage 4 without cross-origin isolation: the one-thread fallback', () => {
  test('says it is the fallback and why, renders the threaded build’s one-thread pixels, and offers no Measure', async ({ page }) => {
    const threaded = await renderOnOneThread(page, ISOLATED);
    await expect(threaded.demo.locator('[data-fallback]')).toBeHidden();
    await expect(threaded.demo.getByRole('button', { name: 'Measure speedup' })).toBeVisible();

    await page.goto(UNISOLATED);
    const demo = page.locator('#thread-pool-demo');
    await expect(demo.getByRole('button', { name: 'Render' })).toBeEnabled({ timeout: 30_000 });
    const notice = demo.locator('[data-fallback]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Fallback: one thread, from a second build of the crate without atomics');
    await expect(notice).toContainText('crossOriginIsolated is false');
    await expect(notice.getByRole('link', { name: 'How to fix this' })).toHaveAttribute('href', '/troubleshooting/#sharedarraybuffer-is-not-defined');
    await expect(demo.locator('input[name="threads"]')).toHaveValue('1');
    await expect(demo.locator('input[name="threads"]')).not.toBeEditable();
    await expect(demo.getByRole('button', { name: 'Measure speedup' })).toBeHidden();

    for (const [name, value] of Object.entries(SETTINGS)) await demo.locator(`input[name="${name}"]`).fill(value);
    await demo.getByRole('button', { name: 'Render' }).click();
    await expect(demo.locator('[data-status]')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(demo.locator('[data-threads]')).toHaveText('1');
    expect(await checksum(demo)).toBe(threaded.checksum);
    expect(await demo.locator('[data-matches]').getAttribute('data-matches')).toBe('true');
    await expect(demo.locator('[data-pool-workers]')).toHaveText('0 (none running)');
    // And it ran in a worker: the page never had a shared memory to make one.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  });

  test('a panic is reported and a fresh worker renders next; bad settings are refused next to their field', async ({ page }) => {
    // ?panic-row applies to the first render after load.
    await page.goto(`${UNISOLATED}?panic-row=10`);
    const demo = page.locator('#thread-pool-demo');
    const status = demo.locator('[data-status]');
    await expect(demo.getByRole('button', { name: 'Render' })).toBeEnabled({ timeout: 30_000 });
    for (const [name, value] of Object.entries(SETTINGS)) await demo.locator(`input[name="${name}"]`).fill(value);
    await demo.getByRole('button', { name: 'Render' }).click();
    await expect(status).toHaveAttribute('data-state', 'failed');
    await expect(demo.locator('[data-run-error]')).toContainText('row 10 was asked to fail');
    await demo.getByRole('button', { name: 'Render' }).click();
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

    await demo.locator('input[name="width"]').fill('abc');
    await demo.getByRole('button', { name: 'Render' }).click();
    await expect(status).toHaveAttribute('data-state', 'refused');
    await expect(demo.locator('[data-error-for="width"]')).toContainText('“abc” was not used');
  });
});
