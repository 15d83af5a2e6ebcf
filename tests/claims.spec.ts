import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UNISOLATED_PORT } from '../playwright.config';
import { expect, test } from './fixtures';

// Browser behaviour the site's prose states, checked in every browser we test.
// Each test reads back what the browser did, so a browser that changes makes
// the test, and then the page that cites it, change too.

/** A page of the site with no demo on it: nothing else touches shared memory there. */
const PLAIN_PAGE = '/build-flags/';

/**
 * A hand-assembled wasm module, in the text format:
 *
 *   (module
 *     (import "env" "memory" (memory 1 1 shared))
 *     (func (export "wait") (param $address i32) (param $expected i32) (param $timeout_ns i64) (result i32)
 *       (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2))))
 *
 * `memory.atomic.wait32` is the instruction Rust's std::sync uses to sleep.
 * It returns 0 (woken), 1 (the value differed) or 2 (timed out).
 */
const WAIT_MODULE = [
  [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
  [0x01, 0x08, 0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7e, 0x01, 0x7f], // type: (i32, i32, i64) -> i32
  [0x02, 0x10, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x03, 0x01, 0x01], // import env.memory, shared, 1..1 pages
  [0x03, 0x02, 0x01, 0x00], // one function of type 0
  [0x07, 0x08, 0x01, 0x04, 0x77, 0x61, 0x69, 0x74, 0x00, 0x00], // export "wait"
  [0x0a, 0x0e, 0x01, 0x0c, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfe, 0x01, 0x02, 0x00, 0x0b], // its body
].flat();

test.describe('what browsers do with waits and shared memory (the claims on Troubleshooting and stage 3)', () => {
  test('Atomics.wait on the page’s main thread throws a TypeError', async ({ page, browserName }) => {
    await page.goto(PLAIN_PAGE);
    const outcome = await page.evaluate(() => {
      const view = new Int32Array(new SharedArrayBuffer(4));
      try {
        return `returned ${Atomics.wait(view, 0, 0, 50)}`;
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    expect(outcome).toBe(
      browserName === 'chromium'
        ? 'TypeError: Atomics.wait cannot be called in this context'
        : 'TypeError: waiting is not allowed on this thread',
    );
  });

  test('memory.atomic.wait32 on the main thread traps in Chromium and sleeps until its timeout in Firefox', async ({
    page,
    browserName,
  }) => {
    await page.goto(PLAIN_PAGE);
    const outcome = await page.evaluate(async (bytes) => {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
      const { instance } = await WebAssembly.instantiate(new Uint8Array(bytes), { env: { memory } });
      const wait = instance.exports.wait as (address: number, expected: number, timeoutNs: bigint) => number;
      try {
        // The cell holds 0 and nobody notifies: a wait that is allowed can only time out (2), after 50 ms.
        return `returned ${wait(0, 0, 50_000_000n)}`;
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    }, WAIT_MODULE);
    expect(outcome).toBe(
      browserName === 'chromium' ? 'RuntimeError: Atomics.wait cannot be called in this context' : 'returned 2',
    );
  });

  test('Atomics.waitAsync gives the main thread a promise that resolves when another thread notifies', async ({
    page,
  }) => {
    await page.goto(PLAIN_PAGE);
    const outcome = await page.evaluate(async () => {
      const view = new Int32Array(new SharedArrayBuffer(4));
      const wait = Atomics.waitAsync(view, 0, 0);
      if (!wait.async) return `settled at once: ${wait.value}`;
      // The notify comes from this thread here; what matters is that the wait did not block it.
      setTimeout(() => Atomics.notify(view, 0));
      return `async, then ${await wait.value}`;
    });
    expect(outcome).toBe('async, then ok');
  });

  test('on a page that is not isolated, a shared memory can be made but not posted to a worker', async ({
    page,
    browserName,
  }) => {
    await page.goto(`http://localhost:${UNISOLATED_PORT}${PLAIN_PAGE}`);
    const outcome = await page.evaluate(() => {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
      // Any same-origin module worker will do: the post fails before it would run.
      const worker = new Worker('/demos/02-single-worker/worker.js', { type: 'module' });
      try {
        worker.postMessage(memory);
        return { isolated: crossOriginIsolated, global: typeof SharedArrayBuffer, post: 'posted' };
      } catch (error) {
        return {
          isolated: crossOriginIsolated,
          global: typeof SharedArrayBuffer,
          post: `${(error as Error).name}: ${(error as Error).message}`,
        };
      } finally {
        worker.terminate();
      }
    });
    expect(outcome).toEqual({
      isolated: false,
      global: 'undefined',
      post:
        browserName === 'chromium'
          ? "DataCloneError: Failed to execute 'postMessage' on 'Worker': SharedArrayBuffer transfer requires self.crossOriginIsolated."
          : expect.stringMatching(/^DataCloneError: The WebAssembly.Memory object cannot be serialized\./),
    });
  });
});

test.describe('what a demo does when opened from disk (the claim on stage 1)', () => {
  // Chromium's refusal is a console error; that is the behaviour under test.
  test.use({ allowedErrors: /has been blocked by CORS policy|net::ERR_FAILED/ });

  for (const stage of ['01-main-thread', '02-single-worker']) {
    test(`stage ${stage.slice(1, 2)} from a file:// address: Chromium refuses its module, Firefox runs it`, async ({
      page,
      browserName,
    }) => {
      const address = pathToFileURL(path.resolve(`dist/demos/${stage}/index.html`)).href;
      // Both demos keep their progress message in a `.status` paragraph.
      const demo = page.locator('form.demo');
      if (browserName === 'chromium') {
        const refused = page.waitForEvent('console', (message) => /has been blocked by CORS policy/.test(message.text()));
        await page.goto(address);
        expect((await refused).text()).toContain(`${stage}/main.js`);
        // main.js never ran: the markup's own first words are still there.
        await expect(demo.locator('.status')).toHaveText(/^(Loading|Starting)/);
      } else {
        await page.goto(address);
        await expect(demo.locator('.status')).toHaveText(/^Ready/);
      }
    });
  }
});

test.describe('how the generated glue takes its arguments (the claim on stage 3)', () => {
  /** Stage 1's glue, imported afresh (a query makes it a new module), so that it has not initialised yet. */
  const GLUE = '/demos/01-main-thread/pkg/main_thread.js';
  const WASM = '/demos/01-main-thread/pkg/main_thread_bg.wasm';

  test('init({ module_or_path }) and initSync({ module }) are quiet; their positional forms warn', async ({ page }) => {
    await page.goto(PLAIN_PAGE);
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    const greetings = await page.evaluate(
      async ({ glue, wasm }) => {
        type Glue = {
          default: (input?: unknown) => Promise<unknown>;
          initSync: (input: unknown) => unknown;
          greet: (name: string) => string;
        };
        const fresh = async (tag: string) => (await import(`${glue}?${tag}`)) as Glue;
        const bytes = await (await fetch(wasm)).arrayBuffer();
        const module = await WebAssembly.compile(bytes);
        const calls: [string, (glue: Glue) => unknown][] = [
          ['object-async', (g) => g.default({ module_or_path: wasm })],
          ['object-sync', (g) => g.initSync({ module })],
          ['positional-async', (g) => g.default(wasm)],
          ['positional-sync', (g) => g.initSync(module)],
        ];
        const results: string[] = [];
        for (const [tag, call] of calls) {
          const g = await fresh(tag);
          await call(g);
          results.push(g.greet('Ada'));
        }
        return results;
      },
      { glue: GLUE, wasm: WASM },
    );
    // Every form still works...
    expect(new Set(greetings).size).toBe(1);
    // ...but only the two positional calls warned, each once.
    expect(warnings).toEqual([
      'using deprecated parameters for the initialization function; pass a single object instead',
      'using deprecated parameters for `initSync()`; pass a single object instead',
    ]);
  });
});
