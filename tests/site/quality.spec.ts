import { readFileSync } from 'node:fs';
import { builtPages } from '../../scripts/lib/built-pages.mjs';
import { AxeBuilder } from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { SITE_PORT } from '../../playwright.config';
import { expect, test } from '../fixtures';

// Qualities of the whole site, checked on every page the build produced:
// whatever pages there are, found in dist/ rather than listed here. Each test
// visits every page in one tab (a fresh tab per page costs more than the
// page), carries on past a page that fails, and reports every page that did.

const ORIGIN = `http://localhost:${SITE_PORT}`;

test.describe.configure({ mode: 'parallel' });

/** The built HTML of a route. */
function builtHtml(route: string): string {
  return readFileSync(route.endsWith('/') ? `dist${route}index.html` : `dist${route}`, 'utf8');
}

/** Whether a page runs a demo (a `<form class="demo …">`). */
const hasDemo = (route: string) => /<form\b[^>]*\sclass="(?:[^"]*\s)?demo[\s"]/.test(builtHtml(route));

/** Whether a page has Starlight's theme switch; the demos' own pages follow the system theme instead. */
const hasThemeSwitch = (route: string) => /<html[^>]*\sdata-theme=/.test(builtHtml(route));

/** Enough time for `perPage` on every page. */
const timeoutFor = (pages: string[], perPage: number) => 10_000 + pages.length * perPage;

/**
 * Waits until a page has done all it does on load: the preflight panel has
 * checked, the demo is ready, and Starlight has loaded its search (which it does
 * when idle; Firefox reports that import as failed if the page is left first).
 */
async function settle(page: Page) {
  const unchecked = page.locator('preflight-panel:not([data-state])');
  await expect(unchecked, `the preflight panel on ${page.url()} has checked`).toHaveCount(0);
  const notReady = page.locator('form.demo [role="status"]').filter({ hasNotText: /^Ready/ });
  await expect(notReady, `the demo on ${page.url()} is ready`).toHaveCount(0);
  const search = page.locator('#starlight__search');
  // Loaded when idle, which a busy machine can put off: a state to wait for, with a long limit.
  if ((await search.count()) > 0) await expect(search.locator(':scope > *').first()).toBeAttached({ timeout: 30_000 });
}

/**
 * Waits until Expressive Code has made its scrollable code blocks focusable,
 * which it does 250 ms after they are laid out, when idle. Bounded: a block it
 * does not mark is left for axe to report.
 */
async function codeBlocksMarked(page: Page) {
  const marked = () =>
    [...document.querySelectorAll('.expressive-code pre')].every(
      (pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex'),
    );
  await page.waitForFunction(marked, undefined, { timeout: 3_000 }).catch(() => {});
}

test('the built site has pages to check, and demos among them', () => {
  const pages = builtPages();
  expect(pages).toEqual(
    expect.arrayContaining(['/', '/404.html', '/stages/01-main-thread/', '/stages/03-shared-memory/']),
  );
  expect(pages.filter(hasDemo).length).toBeGreaterThanOrEqual(3);
});

// ─── Accessibility ────────────────────────────────────────────────────────

/**
 * Findings that are not this site's to fix, each as narrow as one rule on one
 * element. Starlight's search button says "Search" and shows its shortcut,
 * "Ctrl K", in <kbd>s; its name is "Search", with the shortcut in
 * aria-keyshortcuts, and axe counts the shortcut as part of the label.
 */
const UPSTREAM = [{ rule: 'label-content-name-mismatch', target: 'button[data-open-modal=""]' }];

/**
 * The serious and critical axe violations on the page, one line per element.
 * Legacy mode runs axe.run in the page itself instead of merging partial
 * results in a second page: the same rules, several times faster (six times in
 * Firefox on a page of code listings); the site has no frames, which it would skip.
 */
async function seriousViolations(page: Page, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (rules) builder.withRules(rules);
  const { violations } = await builder
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes
        .filter(
          (node) => !UPSTREAM.some(({ rule, target }) => rule === violation.id && node.target.join(' ') === target),
        )
        .map((node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${node.failureSummary}`),
    );
}

/**
 * The rules whose outcome a theme can change: the rest read the markup, which is
 * the same in both, so the second theme runs only these, on the page as it is.
 */
const THEMED_RULES = ['color-contrast', 'link-in-text-block'];

test('every page has no serious or critical accessibility violation, in light theme and then dark', async ({
  page,
  browserName,
}) => {
  // axe reads the DOM and the computed styles, which the same markup and CSS
  // give alike in both engines (both found nothing, 2026-12-02); in Firefox it
  // took 92 s of the suite for the same findings.
  test.skip(browserName !== 'chromium', 'axe checks the markup and styles, which do not depend on the engine');
  const pages = builtPages();
  test.setTimeout(timeoutFor(pages, 8_000));
  // Stored the way Starlight's theme switch stores a reader's choice.
  await page.addInitScript(() => {
    // Not in the blank page a tab starts with, where Firefox forbids storage.
    if (location.protocol === 'http:') localStorage.setItem('starlight-theme', 'light');
  });
  for (const route of pages) {
    const themed = hasThemeSwitch(route);
    // Starlight's pages get a dark system preference, so that only the stored
    // choice can give them the light theme; the demos' own pages follow the system.
    await page.emulateMedia({ colorScheme: themed ? 'dark' : 'light' });
    await page.goto(route);
    await settle(page);
    await codeBlocksMarked(page);
    const theme = page.locator('html');
    if (themed) await expect.soft(theme, `theme of ${route}`).toHaveAttribute('data-theme', 'light');
    expect.soft(await seriousViolations(page), `axe on ${route} in light theme`).toEqual([]);
    // Dark as a reader makes it: Starlight's own switch, or the system's preference.
    if (themed) {
      await page.getByRole('combobox', { name: 'Select theme' }).first().selectOption('dark');
      await expect.soft(theme, `theme of ${route} once switched`).toHaveAttribute('data-theme', 'dark');
    } else {
      await page.emulateMedia({ colorScheme: 'dark' });
    }
    expect.soft(await seriousViolations(page, THEMED_RULES), `axe on ${route} in dark theme`).toEqual([]);
    // The switch stored the choice; the next page starts light again.
    await page.evaluate(() => localStorage.setItem('starlight-theme', 'light'));
  }
});

// ─── Phones ───────────────────────────────────────────────────────────────

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('no page scrolls sideways', async ({ page }) => {
    const pages = builtPages();
    test.setTimeout(timeoutFor(pages, 3_000));
    for (const route of pages) {
      await page.goto(route);
      await settle(page);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect
        .soft(scrollWidth, `${route} is ${scrollWidth} px wide in ${clientWidth} px`)
        .toBeLessThanOrEqual(clientWidth);
    }
  });

  test('every demo’s controls are on the screen and usable', async ({ page }) => {
    const pages = builtPages().filter(hasDemo);
    test.setTimeout(timeoutFor(pages, 6_000));
    for (const route of pages) {
      await page.goto(route);
      await settle(page);
      // Each control, scrolled to (down only: a phone reader does not scroll sideways),
      // where it is then, and what a tap on its middle would reach. One round trip, not one per check.
      const controls = await page.locator('form.demo').evaluate((form) =>
        [...form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button, select, textarea')]
          .filter((control) => control.checkVisibility())
          .map((control) => {
            const top = control.getBoundingClientRect().top + window.scrollY - window.innerHeight / 2;
            window.scrollTo({ top, left: 0, behavior: 'instant' });
            const box = control.getBoundingClientRect();
            const reached = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return {
              name: control.outerHTML.slice(0, 60),
              id: control.id,
              type: control.type,
              left: box.left,
              right: box.right,
              width: box.width,
              screenWidth: document.documentElement.clientWidth,
              enabled: !control.disabled,
              tappable: reached === control || control.contains(reached),
            };
          }),
      );
      expect.soft(controls.length, `controls on ${route}`).toBeGreaterThan(0);
      for (const control of controls) {
        const name = `${route} ${control.name}`;
        expect.soft(control.left, `${name} starts on the screen`).toBeGreaterThanOrEqual(0);
        expect.soft(control.right, `${name} ends on the screen`).toBeLessThanOrEqual(control.screenWidth);
        expect.soft(control.enabled, `${name} is enabled`).toBe(true);
        expect.soft(control.tappable, `${name} is not covered by anything`).toBe(true);
        if (control.type === 'text') {
          expect.soft(control.width, `${name} is wide enough to type in`).toBeGreaterThanOrEqual(120);
          const field = page.locator(`[id="${control.id}"]`);
          await field.fill('4');
          await expect.soft(field, `${name} takes typing`).toHaveValue('4');
        }
      }
    }
  });
});

// ─── Privacy ──────────────────────────────────────────────────────────────

test('loading any page makes no request to another origin', async ({ page, browserName }) => {
  // What a page fetches is written in its HTML and scripts, the same for every engine.
  test.skip(browserName !== 'chromium', 'the requests come from the markup and scripts, which do not depend on the engine');
  const pages = builtPages();
  test.setTimeout(timeoutFor(pages, 3_000));
  const elsewhere: string[] = [];
  let route = '';
  // The context sees requests from the page's workers too.
  page.context().on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${ORIGIN}/`) && !url.startsWith('data:')) elsewhere.push(`${route}: ${url}`);
  });
  for (route of pages) {
    await page.goto(route);
    await settle(page);
  }
  expect(elsewhere).toEqual([]);
});

// ─── Links ────────────────────────────────────────────────────────────────

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) =>
    entity[0] !== '#'
      ? (ENTITIES[entity] ?? whole)
      : String.fromCodePoint(/^#x/i.test(entity) ? parseInt(entity.slice(2), 16) : Number(entity.slice(1))),
  );
const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, 'i').exec(tag);
  return match ? decode(match[1] ?? match[2] ?? match[3]) : undefined;
};

/** Every `<a href>` of an HTML document, as written. */
const linksIn = (html: string) =>
  [...html.matchAll(/<a\b[^>]*>/gi)].map(([tag]) => attribute(tag, 'href')).filter((href) => href !== undefined);

/** Every id of an HTML document (and every `<a name>`): what a #fragment may point at. */
const targetsIn = (html: string) =>
  new Set(
    [...html.matchAll(/<[a-z][\w-]*\b[^>]*>/gi)]
      .flatMap(([tag]) => [attribute(tag, 'id'), /^<a\b/i.test(tag) ? attribute(tag, 'name') : undefined])
      .filter((id) => id !== undefined),
  );

/** What the test server answers for a path: its status, and the ids in it. */
async function fetchTarget(request: APIRequestContext, path: string) {
  const response = await request.get(`${ORIGIN}${path}`);
  const isHtml = /^text\/html/.test(response.headers()['content-type'] ?? '');
  return { status: response.status(), ids: isHtml ? targetsIn(await response.text()) : new Set<string>() };
}

test('no page links to a missing page or section of the site', async ({ request }) => {
  const targets = new Map<string, Promise<{ status: number; ids: Set<string> }>>();
  const broken: string[] = [];
  for (const route of builtPages()) {
    for (const href of new Set(linksIn(builtHtml(route)))) {
      const url = new URL(href, new URL(route, ORIGIN));
      if (url.origin !== ORIGIN) continue;
      const path = url.pathname + url.search;
      if (!targets.has(path)) targets.set(path, fetchTarget(request, path));
      const { status, ids } = await targets.get(path)!;
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (status !== 200) broken.push(`${route} links to ${href}: ${path} answers ${status}`);
      // An empty fragment and #top mean the top of the page.
      else if (fragment && fragment.toLowerCase() !== 'top' && !ids.has(fragment)) {
        broken.push(`${route} links to ${href}: ${path} has no id "${fragment}"`);
      }
    }
  }
  expect(broken).toEqual([]);
});

// ─── Keyboard ─────────────────────────────────────────────────────────────

test('stage 1’s demo can be used from the keyboard alone', async ({ page }) => {
  await page.goto('/stages/01-main-thread/');
  await expect(page.getByRole('button', { name: 'Greet' })).toBeEnabled();
  const field = page.getByLabel('Your name');
  // From the top of the page, Tab until the name field has the focus.
  let presses = 0;
  while (!(await field.evaluate((element) => element === document.activeElement))) {
    expect(presses++, 'Tab presses before the name field').toBeLessThan(60);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('Ada');
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-thread-demo output')).toHaveText(
    'Hello, \u2068Ada\u2069! Rust counted 3 characters in your name.',
  );
});
