import { existsSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { FORK_PORT } from '../playwright.config';
import { FORK_BASE, FORK_BUILD_COMMAND, FORK_DIST } from '../scripts/lib/fork-build.mjs';
import { expect, test } from './fixtures';
import { RELOAD_CUT_OFF, openIsolated } from './isolated-page';

// A fork on GitHub Pages, which serves it at https://<user>.github.io/<repository>/
// and sends no isolation headers: the site built with BASE_PATH=/fork/ and the
// isolation service worker, served under /fork/ WITHOUT the headers.
//
// It is a second `astro build` (scripts/test.mjs makes it, about 10 s), not a
// copy of dist/ like the service-worker build's: the base is in every URL the
// build writes (pages, Astro's scripts and styles, Pagefind's index, the
// sidebar, the worker's scope), and only building for it shows that none is missed.
const SITE = `http://localhost:${FORK_PORT}${FORK_BASE}`;

/** FNV-1a of a canvas's pixels, as tests/stage-4.spec.ts computes it: must equal Rust's checksum. */
const canvasChecksum = (canvas: Locator) =>
  canvas.evaluate((element: HTMLCanvasElement) => {
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    let hash = 0x811c9dc5;
    for (const byte of data) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    return hash;
  });

test.describe(`a fork on GitHub Pages: the site built for ${FORK_BASE}, without the isolation headers`, () => {
  test.use({ allowedErrors: RELOAD_CUT_OFF });
  test.beforeAll(() => {
    if (!existsSync(`${FORK_DIST}/index.html`)) throw new Error(`No fork build in ${FORK_DIST}: run \`${FORK_BUILD_COMMAND}\``);
  });

  test('the isolation service worker is the base’s own: its script and its scope are under the base', async ({ page }) => {
    await openIsolated(page, SITE);
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready; // openIsolated waited for the controller
      return { script: registration.active?.scriptURL, scope: registration.scope, controlled: !!navigator.serviceWorker.controller };
    });
    expect(worker).toEqual({ script: `${SITE}isolation-sw.js`, scope: SITE, controlled: true });
  });

  test('stage 1 greets, from Rust on the main thread', async ({ page }) => {
    await openIsolated(page, `${SITE}stages/01-main-thread/`);
    const demo = page.locator('#main-thread-demo');
    await demo.getByLabel('Your name').fill('Ada');
    await demo.getByRole('button', { name: 'Greet' }).click();
    await expect(demo.locator('output')).toHaveText('Hello, \u2068Ada\u2069! Rust counted 3 characters in your name.');
  });

  test('stage 2 answers, from its module worker', async ({ page }) => {
    await openIsolated(page, `${SITE}stages/02-single-worker/`);
    const demo = page.locator('#single-worker-demo');
    await expect(demo.getByRole('status')).toHaveText(/^Ready/);
    await demo.getByLabel('Your name').fill('Ada');
    await demo.getByRole('button', { name: 'Greet' }).click();
    await expect(demo.locator('.answers li')).toHaveText(['Hello, \u2068Ada\u2069! Greetings from stage-2-worker.']);
  });

  test('stage 3 ends its run with every atomic increment counted', async ({ page }) => {
    await openIsolated(page, `${SITE}stages/03-shared-memory/`);
    const demo = page.locator('#shared-memory-demo');
    const status = demo.locator('[data-status]');
    await expect(demo.getByRole('button', { name: 'Run' })).toBeEnabled();
    await demo.getByLabel('Workers').fill('2');
    await demo.getByRole('button', { name: 'Run' }).click();
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    const expected = await demo.locator('[data-expected-total]').getAttribute('data-value');
    expect(expected).toBe(String(2 * 10_000_000));
    await expect(demo.locator('[data-atomic-total]')).toHaveAttribute('data-value', expected!);
  });

  test('stage 4 renders on its thread pool, with the checksum of the pixels it drew', async ({ page }) => {
    await openIsolated(page, `${SITE}stages/04-thread-pool/`);
    const demo = page.locator('#thread-pool-demo');
    await expect(demo.getByRole('button', { name: 'Render' })).toBeEnabled({ timeout: 30_000 });
    for (const [name, value] of Object.entries({ threads: '2', width: '96', height: '64', iterations: '200' })) {
      await demo.locator(`input[name="${name}"]`).fill(value);
    }
    await demo.getByRole('button', { name: 'Render' }).click();
    await expect(demo.locator('[data-status]')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(demo.locator('[data-matches]')).toHaveAttribute('data-matches', 'true');
    const checksum = await demo.locator('[data-checksum]').getAttribute('data-checksum');
    expect(await canvasChecksum(demo.locator('[data-canvas]'))).toBe(Number(checksum));
  });

  test('search finds a page, and its result leads to it under the base', async ({ page }) => {
    await openIsolated(page, SITE);
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.getByRole('textbox', { name: 'Search' }).fill('DataCloneError');
    const result = dialog.getByRole('link', { name: /Troubleshooting/ }).first();
    await expect(result).toHaveAttribute('href', new RegExp(`^${FORK_BASE}troubleshooting/`), { timeout: 10_000 });
    await result.click();
    await expect(page).toHaveURL(new RegExp(`^${SITE}troubleshooting/`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Troubleshooting');
  });
});
