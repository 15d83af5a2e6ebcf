import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

// Cross-origin isolation says that a dedicated worker's own script must be
// served with COEP too (a worker takes its embedder policy from its script's
// response, and an isolated page's worker must require CORP as well), while
// the same-origin modules that script imports need no COEP of their own.
// This server sends exactly the headers each case needs, nothing else.

const isolating = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const requireCorp = { 'Cross-Origin-Embedder-Policy': 'require-corp' };
const script = { 'Content-Type': 'text/javascript' };
const ready = 'postMessage(self.crossOriginIsolated ? "started, isolated" : "started, not isolated");';
const files: Record<string, [Record<string, string>, string]> = {
  '/app/': [{ ...isolating, 'Content-Type': 'text/html' }, '<!doctype html><title>isolated</title>'],
  '/app/worker.js': [{ ...script, ...requireCorp }, ready],
  '/elsewhere/worker.js': [script, ready],
  '/app/imports-glue.js': [{ ...script, ...requireCorp }, `import '/elsewhere/glue.js'; ${ready}`],
  '/elsewhere/glue.js': [script, 'export {};'],
};

let server: Server;
let origin: string;
test.beforeAll(async () => {
  server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    response.writeHead(file ? 200 : 404, file?.[0]).end(file?.[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// The blocked worker's script load may be logged as an error, as the browser words it.
test.use({ allowedErrors: /embedder|Cross-Origin|COEP|worker|blocked|Failed to load/i });

test('an isolated page’s module worker starts only if its own script is served with COEP require-corp', async ({ page }) => {
  await page.goto(`${origin}/app/`);
  const outcomes = await page.evaluate(async () => {
    const start = (url: string) =>
      new Promise<string>((resolve) => {
        const worker = new Worker(url, { type: 'module' });
        worker.onmessage = (event) => resolve(String(event.data));
        worker.onerror = (event) => resolve(`error event${event.message ? `: ${event.message}` : ', no message'}`);
      });
    return {
      page: crossOriginIsolated,
      withCoep: await start('/app/worker.js'),
      withoutCoep: await start('/elsewhere/worker.js'),
      importsModuleWithoutCoep: await start('/app/imports-glue.js'),
    };
  });
  expect(outcomes).toEqual({
    page: true,
    withCoep: 'started, isolated',
    withoutCoep: 'error event, no message',
    importsModuleWithoutCoep: 'started, isolated',
  });
});
