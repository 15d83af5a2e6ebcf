import type { APIRequestContext } from '@playwright/test';
import { builtPages } from '../../scripts/lib/built-pages.mjs';
import { SITE_PORT } from '../../playwright.config';
import { expect, test } from '../fixtures';
import { builtHtml, hasDemo, settle, timeoutFor } from './built-site';

// Every page the build produced: there are some, none asks another origin for
// anything, and none links to a page or section that is not there.

const ORIGIN = `http://localhost:${SITE_PORT}`;

test.describe.configure({ mode: 'parallel' });

test('the built site has pages to check, and demos among them', () => {
  const pages = builtPages();
  expect(pages).toEqual(
    expect.arrayContaining(['/', '/404.html', '/stages/01-main-thread/', '/stages/03-shared-memory/']),
  );
  expect(pages.filter(hasDemo).length).toBeGreaterThanOrEqual(3);
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

