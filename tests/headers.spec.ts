import { readdirSync } from 'node:fs';
import { headersFor } from '../scripts/lib/netlify-headers.mjs';
import { UNISOLATED_PORT } from '../playwright.config';
import { expect, test } from './fixtures';

const CONTENT_TYPES: Record<string, RegExp> = {
  html: /^text\/html/,
  js: /^text\/javascript/,
  css: /^text\/css/,
  wasm: /^application\/wasm$/,
};

/** One file of each kind from every folder of the built site, plus the demos' wasm. */
function sampleRoutes(): string[] {
  const files = readdirSync('dist', { recursive: true }).map(String);
  const byKind = new Map<string, string>();
  for (const file of files) {
    const extension = file.split('.').pop() ?? '';
    if (!(extension in CONTENT_TYPES)) continue;
    const folder = file.split('/').slice(0, -1).join('/');
    const key = `${folder}:${extension}`;
    if (!byKind.has(key)) byKind.set(key, `/${file}`);
  }
  return [...byKind.values()].sort();
}

test.describe('response headers', () => {
  const routes = sampleRoutes();

  test('there are pages, scripts and wasm to check', () => {
    expect(routes.some((route) => route.endsWith('.wasm'))).toBe(true);
    expect(routes.some((route) => route.endsWith('.html'))).toBe(true);
    expect(routes.length).toBeGreaterThan(10);
  });

  test('every route carries netlify.toml’s headers and its content type', async ({ request }) => {
    for (const route of [...routes, '/', '/stages/03-shared-memory/']) {
      const response = await request.get(route);
      expect(response.status(), route).toBe(200);
      const headers = response.headers();
      for (const [name, value] of Object.entries(headersFor(route))) {
        expect(headers[name.toLowerCase()], `${name} on ${route}`).toBe(value);
      }
      const extension = route.endsWith('/') ? 'html' : (route.split('.').pop() ?? '');
      expect(headers['content-type'], route).toMatch(CONTENT_TYPES[extension]);
    }
  });

  test('a missing page gets the 404 page, with the same headers', async ({ request }) => {
    const response = await request.get('/no-such-page/');
    expect(response.status()).toBe(404);
    expect(await response.text()).toContain('404');
    expect(response.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    expect(response.headers()['content-security-policy']).toBe(headersFor('/no-such-page/')['Content-Security-Policy']);
  });

  test('pages, scripts and wasm are gzip-compressed when the request accepts it, and only then', async ({ request }) => {
    for (const route of ['/', routes.find((route) => route.endsWith('.js'))!, routes.find((route) => route.endsWith('.wasm'))!]) {
      const gzipped = await request.get(route, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gzipped.headers()['content-encoding'], route).toBe('gzip');
      const plain = await request.get(route, { headers: { 'Accept-Encoding': 'identity' } });
      expect(plain.headers()['content-encoding'], route).toBeUndefined();
      // Playwright decompresses: both bodies are the same file.
      expect((await gzipped.body()).equals(await plain.body()), route).toBe(true);
    }
  });

  test('served with the headers, a page is cross-origin isolated', async ({ page }) => {
    await page.goto('/');
    expect(await page.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([true, 'function']);
  });

  test('served without the isolation headers, the same page is not', async ({ page }) => {
    await page.goto(`http://localhost:${UNISOLATED_PORT}/`);
    expect(await page.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([false, 'undefined']);
  });
});
