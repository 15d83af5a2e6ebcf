import { existsSync, readdirSync } from 'node:fs';
import { UNISOLATED_PORT } from '../../playwright.config';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

test.describe.configure({ mode: 'parallel' });

/** Every stage page of the built site: each shows the preflight panel above its demo. */
const stagePages = () =>
  readdirSync('dist/stages', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`dist/stages/${entry.name}/index.html`))
    .map((entry) => `/stages/${entry.name}/`)
    .sort();

/**
 * Waits for Starlight to load its search, which it does when idle: a page left
 * before that makes Firefox report the import as failed.
 */
// Idle time can be scarce on a busy machine: the wait is for a state, so a long limit costs nothing when it is quick.
const searchLoaded = (page: Page) => expect(page.locator('#starlight__search > *').first()).toBeAttached({ timeout: 30_000 });

/** Every check that capabilities.js makes, in its order. */
const CHECKS = [
  'cross-origin-isolated',
  'shared-array-buffer',
  'shared-memory',
  'module-workers',
  'exception-handling',
  'wait-async',
  'hardware-concurrency',
];

/** Without COOP and COEP these fail, each with the Troubleshooting section that fixes it. */
const ISOLATION_CHECKS: Record<string, string> = {
  'cross-origin-isolated': 'sharedarraybuffer-is-not-defined',
  'shared-array-buffer': 'sharedarraybuffer-is-not-defined',
  'shared-memory': 'datacloneerror-could-not-be-cloned',
};

const unisolatedStage3 = `http://localhost:${UNISOLATED_PORT}/stages/03-shared-memory/`;

test('on every stage page, the preflight panel is one closed line above the demo, every check passing inside', async ({
  page,
}) => {
  const pages = stagePages();
  expect(pages).toEqual(
    expect.arrayContaining(['/stages/01-main-thread/', '/stages/02-single-worker/', '/stages/03-shared-memory/']),
  );
  for (const path of pages) {
    await page.goto(path);
    const panel = page.locator('preflight-panel');
    await expect(panel, path).toHaveCount(1);
    const aboveTheDemo = await panel.evaluate(
      (element) =>
        !!(element.compareDocumentPosition(document.querySelector('form.demo')!) & Node.DOCUMENT_POSITION_FOLLOWING),
    );
    expect(aboveTheDemo, `${path}: the panel is above the demo`).toBe(true);

    const summary = panel.locator('summary');
    await expect(summary, path).toHaveText('This browser can run every stage ✓');
    await expect(panel.locator('[data-preflight-rows]'), `${path}: closed while all is well`).toBeHidden();
    // One line: no taller than the summary's own line box, plus the panel's padding and border.
    const heights = await panel.evaluate((element) => [
      element.getBoundingClientRect().height,
      parseFloat(getComputedStyle(element.querySelector('summary')!).lineHeight),
    ]);
    expect(heights[0], `${path}: the closed panel is one line`).toBeLessThan(heights[1] * 2);

    await summary.click();
    await expect(panel.locator('[data-preflight-rows]'), path).toBeVisible();
    // Every row, read in one go: its check, its verdict in words (not only in
    // colour), the value found, and its links (a passing row has none).
    const rows = await panel.locator('[data-capability]').evaluateAll((all) =>
      all.map((row) => ({
        check: (row as HTMLElement).dataset.capability,
        verdict: row.querySelector('[data-verdict]')?.textContent,
        hasDetail: !!row.querySelector('[data-detail]')?.textContent?.trim(),
        links: row.querySelectorAll('a').length,
      })),
    );
    expect(rows, path).toEqual(CHECKS.map((check) => ({ check, verdict: '✓ Pass', hasDetail: true, links: 0 })));
    await searchLoaded(page);
  }
});

test('every Troubleshooting section a failing check can link to exists', async ({ page }) => {
  // The anchors of every check, failing or not, from the module the panel and stage 3
  // share (imported on the demo's own page: a tutorial page, left while Starlight is
  // still loading its search, would make Firefox report the aborted import).
  await page.goto('/demos/03-shared-memory/');
  const anchors = await page.evaluate(async (url) => {
    const { checkCapabilities } = await import(url);
    return [...new Set(checkCapabilities().map((capability: { anchor: string }) => capability.anchor))] as string[];
  }, '/demos/shared/capabilities.js');
  expect(anchors.length).toBeGreaterThan(1);
  await page.goto('/troubleshooting/');
  for (const anchor of anchors) await expect(page.locator(`[id="${anchor}"]`), anchor).toHaveCount(1);
});

test.describe('served without the isolation headers', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(unisolatedStage3);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  });

  test('stage 3’s preflight panel opens by itself and shows the isolation checks failing, each with how to fix it', async ({
    page,
  }) => {
    const panel = page.locator('preflight-panel');
    await expect(panel.locator('details')).toHaveAttribute('open', '');
    for (const [check, anchor] of Object.entries(ISOLATION_CHECKS)) {
      const row = panel.locator(`[data-capability="${check}"]`);
      await expect(row.locator('[data-verdict]'), check).toHaveText('✗ Fail');
      const fix = row.getByRole('link', { name: /^How to fix/ });
      await expect(fix, check).toHaveAttribute('href', `/troubleshooting/#${anchor}`);
    }
    // Module workers do not depend on isolation.
    await expect(panel.locator('[data-capability="module-workers"] [data-verdict]')).toHaveText('✓ Pass');
    await expect(panel.locator('[data-preflight-summary]')).toHaveText(
      'This browser cannot run this stage: 3 required checks failed.',
    );
  });

  test('the preflight panel’s fix links lead to those Troubleshooting sections', async ({ page }) => {
    const links = page.locator('preflight-panel [data-fix]');
    const hrefs = await links.evaluateAll((all) => all.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThanOrEqual(Object.keys(ISOLATION_CHECKS).length);

    // Following the first one scrolls to its section.
    await searchLoaded(page);
    const first = hrefs[0];
    await links.first().click();
    await expect(page).toHaveURL(`http://localhost:${UNISOLATED_PORT}${first}`);
    const firstId = first.split('#')[1];
    await expect(page.locator(`[id="${firstId}"]`)).toBeInViewport();

    // And the page has a section for every other one.
    for (const href of hrefs) {
      expect(href.split('#')[0], href).toBe('/troubleshooting/');
      await expect(page.locator(`[id="${href.split('#')[1]}"]`), href).toHaveCount(1);
    }
  });

  test('stage 3’s demo says it cannot run here, and why', async ({ page }) => {
    const demo = page.locator('#shared-memory-demo');
    await expect(demo.getByRole('status')).toHaveText('This demo cannot run here.');
    const alert = demo.getByRole('alert');
    await expect(alert).toContainText('crossOriginIsolated is false');
    await expect(alert).toContainText('SharedArrayBuffer is not defined');
    await expect(alert.getByRole('link', { name: 'How to fix this' })).toHaveAttribute(
      'href',
      '/troubleshooting/#sharedarraybuffer-is-not-defined',
    );
    await expect(demo.getByRole('button', { name: 'Run' })).toBeDisabled();
    // The fixture fails this test on any console error or uncaught exception.
  });
});

test.describe('served without the isolation headers, stages 1 and 2', () => {
  for (const stage of ['01-main-thread', '02-single-worker']) {
    test(`stage ${stage}: the panel stays one neutral line above a demo that works`, async ({ page }) => {
      await page.goto(`http://localhost:${UNISOLATED_PORT}/stages/${stage}/`);
      const panel = page.locator('preflight-panel');
      const summary = panel.locator('[data-preflight-summary]');
      await expect(summary).toHaveText(/^This browser can run this stage ✓; the threaded stages need 3 more checks/);
      await expect(summary).toHaveAttribute('data-state', 'partial');
      await expect(panel.locator('details')).not.toHaveAttribute('open', '');
      // Inside, the isolation rows say Fail, marked as not needed here, and keep their fix link.
      await panel.locator('summary').click();
      for (const check of Object.keys(ISOLATION_CHECKS)) {
        const row = panel.locator(`[data-capability="${check}"]`);
        await expect(row, check).toHaveAttribute('data-state', 'not-needed');
        await expect(row.locator('dt'), check).toContainText('(not needed for this stage)');
        await expect(row.getByRole('link', { name: /^How to fix/ }), check).toBeVisible();
      }
      // And the demo below it works.
      await expect(page.locator('form.demo [role="status"]')).toHaveText(/^Ready/);
      await searchLoaded(page);
    });
  }
});
