// @ts-check
// Puts demos/ on the site at /demos/, unchanged and unbundled, so the tutorial
// pages run exactly the files a reader can open on their own: the dev server
// serves them straight from demos/, and the production build copies them.
// Only one thing is added: each page's constants, filled in from its crate
// (scripts/lib/stage-constants.mjs), as the tutorial pages get them. Under a
// base path (BASE_PATH) they are at <base>demos/: Astro's dev server takes the
// base off a request's URL before this middleware sees it.
import { cpSync, createReadStream, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_TYPES } from '../../scripts/lib/content-types.mjs';
import { fillConstants } from '../../scripts/lib/stage-constants.mjs';

const demosDir = fileURLToPath(new URL('../../demos/', import.meta.url));

/** What a demo consists of: pages, scripts, styles, wasm. */
const DEMO_FILE_TYPES = ['.html', '.js', '.css', '.wasm'];

/** What a browser loads. Not READMEs, type declarations or build leftovers. */
const isPublic = (/** @type {string} */ file) =>
  DEMO_FILE_TYPES.includes(path.extname(file)) && !file.includes(`${path.sep}.`);

/** A demo page with its stage's constants filled in. @param {string} file a stage's index.html */
const filledPage = (file) => fillConstants(readFileSync(file, 'utf8'), path.basename(path.dirname(file)));

/** @param {{ headers: Record<string, string> }} options the headers every response gets */
export default function serveDemos({ headers }) {
  return {
    name: 'serve-demos',
    hooks: {
      /** @param {{ server: import('vite').ViteDevServer }} context */
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/demos', (request, response, next) => {
          const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
          let file = path.join(demosDir, decodeURIComponent(urlPath));
          if (file.startsWith(demosDir) && existsSync(file) && statSync(file).isDirectory()) {
            file = path.join(file, 'index.html');
          }
          if (!file.startsWith(demosDir) || !isPublic(file) || !existsSync(file)) return next();
          for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
          response.setHeader('Content-Type', CONTENT_TYPES[/** @type {keyof CONTENT_TYPES} */ (path.extname(file))]);
          response.setHeader('Cache-Control', 'no-cache');
          if (file.endsWith('.html')) response.end(filledPage(file));
          else createReadStream(file).pipe(response);
        });
      },
      /** @param {{ dir: URL }} context */
      'astro:build:done': ({ dir }) => {
        const target = path.join(fileURLToPath(dir), 'demos');
        cpSync(demosDir, target, {
          recursive: true,
          filter: (source) => statSync(source).isDirectory() || isPublic(source),
        });
        for (const page of readdirSync(target, { recursive: true }).map(String).filter((file) => file.endsWith('.html'))) {
          writeFileSync(path.join(target, page), filledPage(path.join(demosDir, page)));
        }
      },
    },
  };
}
