import type { Page } from '@playwright/test';
import { expect } from './fixtures';

// Pages of a service-worker build (ISOLATION=service-worker) served WITHOUT the
// isolation headers, as GitHub Pages serves them: the first visit registers the
// worker and reloads once, and only then is the page cross-origin isolated.

/**
 * The one reload can cut off a request the page still has in flight (Starlight
 * loads its search UI lazily, when idle). Firefox then reports either the
 * import as an uncaught error, or, when the service worker was fetching it, a
 * load with no address that the worker "encountered an unexpected error" on
 * (its fetch was aborted; seen once in a full run on a loaded machine, never in
 * 15 runs of that test alone). Only those are allowed: the page after the
 * reload must be clean.
 */
export const RELOAD_CUT_OFF =
  /^(error loading dynamically imported module: .*\/_astro\/|Failed to load ‘’\. A ServiceWorker intercepted the request and encountered an unexpected error\.$)/;

/** Opens `url` and waits through the one reload until the page is isolated. */
export async function openIsolated(page: Page, url: string) {
  await page.goto(url);
  // The reload destroys the page's context: an evaluate cut off by it counts as "not yet".
  // Isolated, and controlled by the worker (Firefox once answered an evaluate
  // right after the reload from a context without navigator.serviceWorker).
  const settled = () => crossOriginIsolated && !!navigator.serviceWorker?.controller;
  await expect.poll(() => page.evaluate(settled).catch(() => false), { timeout: 30_000 }).toBe(true);
  await page.waitForLoadState('load');
}
