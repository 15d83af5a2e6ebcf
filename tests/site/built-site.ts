import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

// What the site-wide specs (accessibility, phone, privacy and links) need to
// know of the built pages. Every page the build produced is checked, found in
// dist/ (scripts/lib/built-pages.mjs) rather than listed by hand.

/** The built HTML of a route. */
export function builtHtml(route: string): string {
  return readFileSync(route.endsWith('/') ? `dist${route}index.html` : `dist${route}`, 'utf8');
}

/** Whether a page runs a demo (a `<form class="demo …">`). */
export const hasDemo = (route: string) => /<form\b[^>]*\sclass="(?:[^"]*\s)?demo[\s"]/.test(builtHtml(route));

/** Whether a page has Starlight's theme switch; the demos' own pages follow the system theme instead. */
export const hasThemeSwitch = (route: string) => /<html[^>]*\sdata-theme=/.test(builtHtml(route));

/** Enough time for `perPage` on every page, for a test that visits them all in one tab (a fresh tab per page costs more than the page). */
export const timeoutFor = (pages: string[], perPage: number) => 10_000 + pages.length * perPage;

/**
 * Waits until a page has done all it does on load: the preflight panel has
 * checked, the demo is ready, and Starlight has loaded its search (which it does
 * when idle; Firefox reports that import as failed if the page is left first).
 */
export async function settle(page: Page) {
  const unchecked = page.locator('preflight-panel:not([data-state])');
  await expect(unchecked, `the preflight panel on ${page.url()} has checked`).toHaveCount(0);
  const notReady = page.locator('form.demo [role="status"]').filter({ hasNotText: /^Ready/ });
  await expect(notReady, `the demo on ${page.url()} is ready`).toHaveCount(0);
  const search = page.locator('#starlight__search');
  // Loaded when idle, which a busy machine can put off: a state to wait for, with a long limit.
  if ((await search.count()) > 0) await expect(search.locator(':scope > *').first()).toBeAttached({ timeout: 30_000 });
}

