import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const PAGE = '/stages/03-shared-memory/';
/** demos/03-shared-memory/main.js: each worker adds 1 to each counter this often. */
const INCREMENTS = 10_000_000;

declare global {
  interface Window {
    workerCensus: { created: number; live: Set<Worker> };
  }
}

/** Counts the workers the page constructs and terminates: Rust's `new Worker` goes through this too. */
async function countWorkers(page: Page) {
  await page.addInitScript(() => {
    const Original = window.Worker;
    const census = { created: 0, live: new Set<Worker>() };
    window.workerCensus = census;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        census.created += 1;
        census.live.add(this);
      }
      terminate() {
        census.live.delete(this);
        super.terminate();
      }
    };
  });
}

const census = (page: Page) =>
  page.evaluate(() => ({ created: window.workerCensus.created, live: window.workerCensus.live.size }));

async function open(page: Page) {
  await countWorkers(page);
  await page.goto(PAGE);
  const demo = page.locator('#shared-memory-demo');
  await expect(demo.getByRole('button', { name: 'Run' })).toBeEnabled();
  return demo;
}

async function run(page: Page, count: string) {
  const demo = page.locator('#shared-memory-demo');
  await demo.getByLabel('Workers').fill(count);
  await demo.getByRole('button', { name: 'Run' }).click();
  return demo;
}

const status = (page: Page) => page.locator('#shared-memory-demo [data-status]');
const format = (n: number) => n.toLocaleString('en');

test.describe('stage 3: N workers, one shared memory', () => {
  for (const n of [1, 2, 8]) {
    test(`with ${n} worker${n === 1 ? '' : 's'}, each greets exactly once and no atomic increment is lost`, async ({
      page,
    }) => {
      const demo = await open(page);
      await run(page, String(n));
      await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 20_000 });

      const greetings = await demo.locator('[data-greetings] li').allTextContents();
      const expected = Array.from({ length: n }, (_, i) => `Hello from worker-${i}!`);
      expect(greetings.toSorted()).toEqual(expected.toSorted());

      const total = format(n * INCREMENTS);
      await expect(demo.locator('[data-atomic-total]')).toHaveText(`${total} of ${total}`);
      await expect(demo.locator('[data-finished]')).toHaveText(`${n} of ${n}`);
      await expect(status(page)).toContainText('Atomic total matches exactly');
      // The racy total can only lose updates, never gain them; with one worker it loses none.
      const racy = Number((await demo.locator('[data-racy-total]').textContent())!.split(' of ')[0].replaceAll(',', ''));
      expect(racy).toBeLessThanOrEqual(n * INCREMENTS);
      if (n === 1) expect(racy).toBe(INCREMENTS);
      expect(await census(page)).toEqual({ created: n, live: 0 });
    });
  }

  for (const bad of ['0', '-1', '1e9', 'abc', '2.5', '17', '']) {
    test(`a worker count of "${bad}" is refused next to the field and starts no worker`, async ({ page }) => {
      const demo = await open(page);
      await run(page, bad);
      const field = demo.getByLabel('Workers');
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(demo.locator('#shared-memory-count-error')).toContainText('enter a whole number from 1 to 16');
      await expect(field).toHaveAccessibleDescription(/enter a whole number from 1 to 16/);
      expect(await census(page)).toEqual({ created: 0, live: 0 });

      // Still usable: a good count runs.
      await run(page, '1');
      await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
      await expect(field).not.toHaveAttribute('aria-invalid');
    });
  }

  test('twenty runs in a row leave no live worker and stop growing the memory', async ({ page }) => {
    test.setTimeout(120_000);
    const demo = await open(page);
    const memory = demo.locator('[data-memory-bytes]');
    const sizes: number[] = [];
    for (let i = 0; i < 20; i++) {
      await run(page, '4');
      await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
      expect((await census(page)).live).toBe(0);
      sizes.push(Number(await memory.getAttribute('data-bytes')));
    }
    expect((await census(page)).created).toBe(80);
    // Freed thread stacks are reused: after the first runs the memory has all it needs.
    expect(sizes.slice(4)).toEqual(Array(16).fill(sizes[4]));
  });

  test('a worker that panics shows its message, ends the run, and leaves the page usable', async ({ page }) => {
    const demo = await open(page);
    await demo.getByLabel(/Make the last worker panic/).check();
    await run(page, '4');
    await expect(status(page)).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
    await expect(demo.locator('[data-run-error]')).toContainText('worker-3 was asked to fail');
    expect(await census(page)).toEqual({ created: 4, live: 0 });

    await demo.getByLabel(/Make the last worker panic/).uncheck();
    await run(page, '2');
    await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await expect(demo.locator('[data-run-error]')).toBeEmpty();
  });

  test.describe('when a worker script cannot load', () => {
    test.use({ allowedErrors: /404 \(Not Found\)|Loading Worker from .* was blocked/ });

    test('the run fails with a message and terminates every worker', async ({ page }) => {
      const demo = await open(page);
      await page.route('**/03-shared-memory/worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
      await run(page, '2');
      await expect(status(page)).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
      await expect(demo.locator('[data-run-error]')).toContainText('could not start');
      expect(await census(page)).toEqual({ created: 2, live: 0 });
    });
  });

  test('a browser without module workers is told what is missing, and nothing starts', async ({ page }) => {
    // Mimic a browser from before module workers: it never reads `options.type`.
    await page.addInitScript(() => {
      const Original = window.Worker;
      window.Worker = class extends Original {
        constructor(url: string | URL) {
          super(url);
        }
      };
    });
    await page.goto(PAGE);
    const demo = page.locator('#shared-memory-demo');
    await expect(status(page)).toHaveAttribute('data-state', 'unsupported');
    await expect(demo.locator('[data-run-error]')).toContainText('ignores { type: "module" }');
    await expect(demo.getByRole('link', { name: 'How to fix this' })).toHaveAttribute(
      'href',
      '/troubleshooting/#module-workers-are-not-supported',
    );
    await expect(demo.getByRole('button', { name: 'Run' })).toBeDisabled();
  });
});
