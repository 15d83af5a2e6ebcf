// A static file server that answers the way Netlify will: the [[headers]] of
// netlify.toml on every response, `.wasm` as application/wasm, and the site's
// 404 page with status 404, gzip-compressed when the request accepts it, as a
// production host does. The tests and the benchmark run against it.
//
//   node scripts/serve.mjs [--root dist] [--port 4322] [--base /] [--no-isolation]
//
// --no-isolation leaves out COOP, COEP and CORP: the negative control that
// shows what a reader sees on a host without them.
// --base serves the site under a path, as GitHub Pages serves a fork at
// /<repository>/: a site built with BASE_PATH set to the same path. Only URLs
// under it are the site's; the header rules and the 404 page move with it.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { normalizeBase } from './lib/base-path.mjs';
import { CONTENT_TYPES } from './lib/content-types.mjs';
import { headersFor, readHeaderRules } from './lib/netlify-headers.mjs';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4322' },
    base: { type: 'string', default: '/' },
    'no-isolation': { type: 'boolean', default: false },
  },
});
const root = path.resolve(values.root);
const base = normalizeBase(values.base);
const rules = readHeaderRules(base);
const isolation = !values['no-isolation'];

/** What is worth compressing: text and wasm; images and fonts are compressed already. */
const compressible = (contentType) => /^(text\/|application\/(wasm|json|xml)|image\/svg)/.test(contentType);

/**
 * The file for a URL path, as Netlify resolves it: `<base>a/` and `<base>a` both
 * serve `a/index.html` under the root. Nothing outside the base is the site's.
 */
function resolveFile(urlPath) {
  if (!`${urlPath}/`.startsWith(base)) return null;
  const candidate = path.join(root, decodeURIComponent(urlPath.slice(base.length)));
  if (!candidate.startsWith(root)) return null;
  for (const file of [candidate, path.join(candidate, 'index.html'), `${candidate}.html`]) {
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

const server = createServer((request, response) => {
  const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
  // The base without its last slash (`/fork`) is redirected to the base, as GitHub Pages does.
  if (`${urlPath}/` === base) {
    response.writeHead(301, { Location: base }).end();
    return;
  }
  let file = resolveFile(urlPath);
  let status = 200;
  if (!file) {
    status = 404;
    file = resolveFile(`${base}404.html`);
  }
  for (const [name, value] of Object.entries(headersFor(urlPath, { isolation }, rules))) {
    response.setHeader(name, value);
  }
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const contentType = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  const gzip = compressible(contentType) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  response.writeHead(status, {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache',
    Vary: 'Accept-Encoding',
    ...(gzip && { 'Content-Encoding': 'gzip' }),
  });
  if (request.method === 'HEAD') response.end();
  else if (gzip) createReadStream(file).pipe(createGzip()).pipe(response);
  else createReadStream(file).pipe(response);
});

server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`serving ${root} at http://localhost:${values.port}${base} ${isolation ? 'with' : 'WITHOUT'} isolation headers`);
});
