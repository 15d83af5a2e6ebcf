// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { headersFor } from './scripts/lib/netlify-headers.mjs';
import serveDemos from './site/integrations/serve-demos.mjs';

// What Netlify sends for every page, read from netlify.toml: `astro dev` and
// `astro preview` send the same, so the demos are cross-origin isolated there too.
const headers = headersFor('/');

export default defineConfig({
  srcDir: './site/src',
  publicDir: './site/public',
  outDir: './dist',
  server: { port: 4321, headers },
  devToolbar: { enabled: false },
  // Netlify sets URL at build time; the sitemap needs it.
  site: process.env.URL,
  build: {
    // Stylesheets as files, so the Content-Security-Policy needs no style hashes.
    inlineStylesheets: 'never',
  },
  // Scripts as files too, for the same reason: only Starlight's few
  // `is:inline` scripts stay inline, and netlify.toml lists their hashes.
  vite: { build: { assetsInlineLimit: 0 } },
  integrations: [
    starlight({
      title: 'Wasm threads in Rust',
      description:
        'Learn WebAssembly threads in Rust in three stages: the main thread, one module worker, and N workers sharing one memory.',
      customCss: ['./site/src/styles/site.css'],
      sidebar: [
        { label: 'Start here', link: '/' },
        {
          label: 'The three stages',
          items: [
            { label: '1. The main thread', link: '/stages/01-main-thread/' },
            { label: '2. One module worker', link: '/stages/02-single-worker/' },
            { label: '3. Shared memory', link: '/stages/03-shared-memory/' },
            { label: '4. A thread pool', link: '/stages/04-thread-pool/' },
          ],
        },
        {
          label: 'Reference',
          items: [
            { label: 'Build flags explained', link: '/build-flags/' },
            { label: 'Cross-origin isolation', link: '/cross-origin-isolation/' },
            { label: 'Troubleshooting', link: '/troubleshooting/' },
            { label: 'Run it yourself', link: '/run-it-yourself/' },
          ],
        },
      ],
    }),
    serveDemos({ headers }),
  ],
});
