// @ts-check
// What the built site needs on hosts other than Netlify, made from netlify.toml
// so that it stays the one source of headers:
//   - dist/_headers, the same headers in the format Cloudflare Pages (and Netlify
//     itself) read. Netlify merges it with netlify.toml, whose values win.
//   - with ISOLATION=service-worker, a service worker that makes the pages
//     cross-origin isolated where the host cannot send headers (GitHub Pages).
// Both for the site's `base`: its rules' paths, and the worker's URL and scope, start with it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeBase } from '../../scripts/lib/base-path.mjs';
import { addIsolationServiceWorker } from '../../scripts/lib/isolation-sw.mjs';
import { headersFile } from '../../scripts/lib/netlify-headers.mjs';

export default function hosting() {
  let base = '/';
  return {
    name: 'hosting',
    hooks: {
      /** @param {{ config: import('astro').AstroConfig }} context */
      'astro:config:done': ({ config }) => {
        base = normalizeBase(config.base);
      },
      /** @param {{ dir: URL }} context */
      'astro:build:done': ({ dir }) => {
        const out = fileURLToPath(dir);
        writeFileSync(path.join(out, '_headers'), headersFile(base));
        if (process.env.ISOLATION === 'service-worker') addIsolationServiceWorker(out, base);
      },
    },
  };
}
