import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FORK_BASE, FORK_BUILD_COMMAND, FORK_DIST } from '../../scripts/lib/fork-build.mjs';

// Every URL of its own that the built site asks for, in its pages and in its
// scripts, is a file of that same build, under the base it was built for: dist/
// at `/`, and the fork build at /fork/ (scripts/test.mjs makes it; why there is
// a second build: tests/base-path.spec.ts). A URL left at `/` in the fork build
// points outside its base, where GitHub Pages has nothing of the fork's.

const ORIGIN = 'https://site.test';

/**
 * Files the site names on purpose without shipping them: stage 2's
 * `?simulate=missing-wasm` points its worker at a wasm file that does not exist.
 */
const MEANT_TO_BE_MISSING = ['demos/02-single-worker/pkg/missing.wasm'];

/** `<a href>`, `<link href>` and `<script src>`: what a page links to or loads. */
const HTML_URLS = [/<a\s[^>]*?\bhref="([^"]*)"/g, /<link\s[^>]*?\bhref="([^"]*)"/g, /<script\s[^>]*?\bsrc="([^"]*)"/g];

/**
 * What a script loads: workers and wasm (`new URL('…', import.meta.url)`),
 * modules (`import … from '…'`, `import '…'`, `import('…')`) and the isolation
 * service worker (`serviceWorker.register('…')`).
 */
const SCRIPT_URLS = [
  /new URL\(\s*(['"`])([^'"`]+)\1\s*,\s*import\.meta\.url\s*\)/g,
  /\bfrom\s*(['"])([^'"]+)\1/g,
  /\bimport\s*\(?\s*(['"])([^'"]+)\1/g,
  /serviceWorker\.register\(\s*(['"])([^'"]+)\1/g,
];

/** Comments name files too (JSDoc's `import('./messages')` types) that no browser loads. */
const withoutComments = (script: string) => script.replace(/\/\*[\s\S]*?\*\/|(?<![:'"\w\\])\/\/.*$/gm, '');

/**
 * The URL a built file is served at, under `base`. The 404 page is served at
 * any missing URL: resolved against a deep one, a relative link in it shows.
 */
function servedAt(file: string, base: string) {
  if (file === '404.html') return `${ORIGIN}${base}no/such/page/`;
  return `${ORIGIN}${base}${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** Every URL of its own that `file` asks for, as written in it. */
function urlsIn(dist: string, file: string): string[] {
  const text = readFileSync(path.join(dist, file), 'utf8');
  if (file.endsWith('.html')) return HTML_URLS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
  return SCRIPT_URLS.flatMap((pattern) => [...withoutComments(text).matchAll(pattern)].map((match) => match[2]));
}

/** The file of the build that `url` names (a folder's index.html for a URL ending in `/`), or null outside the base. */
function fileNamed(base: string, url: URL): string | null {
  if (!url.pathname.startsWith(base)) return null;
  return decodeURIComponent(url.pathname.slice(base.length)) + (url.pathname.endsWith('/') ? 'index.html' : '');
}

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/** Checks every page and script of the build in `dist`: the URLs that name no file of it, and how many were checked. */
function checkBuild(dist: string, base: string) {
  // Pagefind's own scripts build their URLs at run time; the search test follows them.
  const files = readdirSync(dist, { recursive: true })
    .map(String)
    .filter((file) => /\.(html|js)$/.test(file) && !file.startsWith('pagefind/'));
  const broken: string[] = [];
  const kinds = new Set<string>();
  let checked = 0;
  for (const file of files) {
    for (const written of urlsIn(dist, file)) {
      if (written.startsWith('#')) continue; // this page itself
      const url = new URL(written.replaceAll('&amp;', '&'), servedAt(file, base));
      if (url.origin !== ORIGIN) continue; // another site, or data:, mailto:
      checked += 1;
      const target = fileNamed(base, url);
      kinds.add(path.extname(target ?? '').slice(1));
      if (target === null) broken.push(`${file}: ${written} is outside ${base}`);
      else if (!isFile(path.join(dist, target)) && !MEANT_TO_BE_MISSING.includes(target)) {
        broken.push(`${file}: ${written} names ${target}, which is not in ${dist}`);
      }
    }
  }
  return { files: files.length, checked, kinds: [...kinds], broken };
}

for (const [dist, base] of [
  ['dist', '/'],
  [FORK_DIST, FORK_BASE],
]) {
  test(`every link, script, stylesheet, worker and wasm URL in ${dist} (base ${base}) is a file of that build`, () => {
    const command = dist === 'dist' ? 'npm run build' : FORK_BUILD_COMMAND;
    expect(existsSync(path.join(dist, 'index.html')), `no build in ${dist}: run \`${command}\``).toBe(true);
    const { files, checked, kinds, broken } = checkBuild(dist, base);
    const summary = `links checked in ${dist} (base ${base}): ${checked} URLs in ${files} pages and scripts`;
    console.log(summary);
    test.info().annotations.push({ type: 'links checked', description: summary });
    expect(broken).toEqual([]);
    // A check that found nothing to check would pass too: it found pages, scripts, styles and wasm.
    expect(kinds).toEqual(expect.arrayContaining(['html', 'js', 'css', 'wasm']));
  });
}
