// @ts-check
import { satteri } from '@astrojs/markdown-satteri';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { normalizeBase } from './scripts/lib/base-path.mjs';
import { headersFor } from './scripts/lib/netlify-headers.mjs';
import { baseLinks } from './site/markdown/base-links.mjs';
import hosting from './site/integrations/hosting.mjs';
import rebuildOnSave from './site/integrations/rebuild-on-save.mjs';
import serveDemos from './site/integrations/serve-demos.mjs';

// What Netlify sends for every page, read from netlify.toml: `astro dev` and
// `astro preview` send the same, so the demos are cross-origin isolated there too.
const headers = headersFor('/');

// The path the site is served under: BASE_PATH=/my-fork/ for a fork on GitHub
// Pages (https://<user>.github.io/my-fork/); `/` when unset.
const base = normalizeBase(process.env.BASE_PATH);

export default defineConfig({
  srcDir: './site/src',
  publicDir: './site/public',
  // OUT_DIR lets the tests build a second copy (the /fork/ one) beside dist/.
  outDir: process.env.OUT_DIR ?? './dist',
  base,
  // Astro prefixes its own assets and Starlight its sidebar with `base`; this does the Markdown links.
  markdown: { processor: satteri({ hastPlugins: [baseLinks(base)] }) },
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
  vite: {
    build: { assetsInlineLimit: 0 },
    // The dev server watches the repository (rebuild-on-save.mjs listens), but not build output.
    server: {
      watch: {
        ignored: ['rust/target', 'dist', 'templates/vite/dist', '.cache', 'test-results', 'playwright-report'].map(
          (folder) => `${fileURLToPath(new URL(folder, import.meta.url))}/**`,
        ),
      },
    },
  },
  integrations: [
    starlight({
      title: 'Wasm threads in Rust',
      description:
        'Learn WebAssembly threads in Rust in stages: the main thread, one module worker, N workers sharing one memory, a thread pool measured in your browser, and each classic failure live.',
      customCss: ['./site/src/styles/site.css'],
      // The stage pages' titles get a line saying which toolchain built and tested them.
      components: { PageTitle: './site/src/components/PageTitle.astro' },
      // The hero buttons' links get `base` there.
      routeMiddleware: './site/src/route-data.ts',
      sidebar: [
        { label: 'Start here', link: '/' },
        // Every page in stages/, in file-name order (NN-…), each labelled by its
        // frontmatter: a new stage's page appears here by itself.
        { label: 'The stages', items: [{ autogenerate: { directory: 'stages' } }] },
        {
          label: 'Reference',
          items: [
            { label: 'Build flags explained', link: '/build-flags/' },
            { label: 'Under the hood', link: '/under-the-hood/' },
            { label: 'Cross-origin isolation', link: '/cross-origin-isolation/' },
            { label: 'Troubleshooting', link: '/troubleshooting/' },
            { label: 'Going further', link: '/going-further/' },
            { label: 'Run it yourself', link: '/run-it-yourself/' },
          ],
        },
      ],
    }),
    serveDemos({ headers }),
    // After serveDemos, so that the demos' pages it copies get the service worker too.
    hosting(),
    rebuildOnSave(),
  ],
});
