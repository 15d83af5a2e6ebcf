// @ts-check
import { defineConfig } from 'vite';
import { headersFor } from '../../scripts/lib/netlify-headers.mjs';

// netlify.toml's headers (its one rule is for every path), so that the dev
// server and the preview send what the site does: COOP and COEP make the page
// cross-origin isolated, without which there is no shared memory.
const headers = headersFor('/');

export default defineConfig({
  server: {
    headers,
    // The stage-4 files this app imports live outside its folder.
    fs: { allow: ['.', '../../demos'] },
  },
  preview: { headers },
  // Bundle every worker as an ES module: they are module workers, and the
  // owner awaits at its top level, which the default 'iife' cannot express.
  worker: { format: 'es' },
});
