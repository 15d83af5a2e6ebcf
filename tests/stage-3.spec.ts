import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { stage3 } from './lib/constants';

/** The demo's own page: the same files as the tutorial's (tests/site/ checks the demo there). */
const PAGE = '/demos/03-shared-memory/';
const { increments: INCREMENTS, threadStackBytes: THREAD_STACK_BYTES, maxWorkers } = stage3;

declare global {
  interface Window {
    workerCensus: { created: number; live: Set<Worker> };
  }
}

/** Counts the workers the page constructs and terminates. */
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

/**
 * Holds back every request for `url` until the returned function is called.
 */
async function holdBack(page: Page, url: string) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

const census = (page: Page) =>
  page.evaluate(() => ({ created: window.workerCensus.created, live: window.workerCensus.live.size }));

const demoOf = (page: Page) => page.locator('#shared-memory-demo');
const status = (page: Page) => demoOf(page).locator('[data-status]');
const runButton = (page: Page) => demoOf(page).getByRole('button', { name: 'Run' });
const panicBox = (page: Page) => demoOf(page).getByLabel(/Make the last worker panic/);

async function open(page: Page, path = PAGE) {
  await countWorkers(page);
  await page.goto(path);
  await expect(runButton(page)).toBeEnabled();
  return demoOf(page);
}

async function run(page: Page, count: string) {
  await demoOf(page).getByLabel('Workers').fill(count);
  await runButton(page).click();
}

async function runToEnd(page: Page, count: string, state: 'done' | 'failed') {
  await run(page, count);
  await expect(status(page)).toHaveAttribute('data-state', state, { timeout: 60_000 });
}

/** The plain number a result cell carries for machines. */
const valueOf = async (cell: Locator) => Number(await cell.getAttribute('data-value'));
const memoryBytes = async (page: Page) => Number(await demoOf(page).locator('[data-memory-bytes]').getAttribute('data-bytes'));

test.describe('stage 3: N workers, one shared memory', () => {
  // Many threads on a machine that may be busy: runs can take a while.
  test.describe.configure({ timeout: 120_000 });

  for (const n of [1, 2, 8]) {
    test(`with ${n} worker${n === 1 ? '' : 's'}, each greets exactly once and no atomic increment is lost`, async ({
      page,
    }) => {
      const demo = await open(page);
      await runToEnd(page, String(n), 'done');

      const chips = demo.locator('[data-greetings] li[data-worker]');
      const greetings = await chips.evaluateAll((all) => all.map((chip) => (chip as HTMLElement).dataset.greeting));
      expect(greetings).toEqual(Array.from({ length: n }, (_, i) => `Hello from worker-${i}!`));
      expect(await chips.evaluateAll((all) => all.map((chip) => (chip as HTMLElement).dataset.state))).toEqual(
        Array(n).fill('done'),
      );

      const expected = n * INCREMENTS;
      expect(await valueOf(demo.locator('[data-expected-total]'))).toBe(expected);
      expect(await valueOf(demo.locator('[data-atomic-total]'))).toBe(expected);
      await expect(demo.locator('[data-atomic-total]')).toContainText('none lost');
      expect(await valueOf(demo.locator('[data-finished]'))).toBe(n);
      expect(await valueOf(demo.locator('[data-elapsed]'))).toBeGreaterThan(0);
      await expect(status(page)).toContainText('Atomic total matches exactly');

      // The racy total can only lose updates, never gain them; with one worker it loses none.
      const racy = await valueOf(demo.locator('[data-racy-total]'));
      expect(racy).toBeLessThanOrEqual(expected);
      const why = demo.locator('[data-racy-why]');
      if (n === 1) {
        expect(racy).toBe(INCREMENTS);
        await expect(why).toContainText('cannot race with itself');
      } else if (racy === expected) {
        await expect(why).toContainText('Nothing was lost this time');
      } else {
        const lost = (((expected - racy) / expected) * 100).toFixed((expected - racy) / expected < 0.1 ? 1 : 0);
        await expect(demo.locator('[data-racy-total]')).toContainText(`${lost}% of updates lost`);
      }
      expect(await census(page)).toEqual({ created: n, live: 0 });
    });
  }

  test('a bad worker count is refused next to the field and starts no worker; a good count runs after it', async ({ page }) => {
    const demo = await open(page);
    const field = demo.getByLabel('Workers');
    // One of each kind of refusal; every other case is a unit test in rust/03-shared-memory/src/worker_count.rs.
    for (const bad of ['0', 'abc', '2.5', String(maxWorkers + 1)]) {
      await run(page, bad);
      await expect(field, bad).toHaveAttribute('aria-invalid', 'true');
      await expect(demo.locator('#shared-memory-count-error'), bad).toContainText(`“${bad}” was not run`);
      await expect(demo.locator('#shared-memory-count-error'), bad).toContainText(`enter a whole number from 1 to ${maxWorkers}`);
      await expect(field, bad).toHaveAccessibleDescription(new RegExp(`enter a whole number from 1 to ${maxWorkers}`));
      expect(await census(page), bad).toEqual({ created: 0, live: 0 });
    }
    // Still usable: a good count runs.
    await runToEnd(page, '1', 'done');
    await expect(field).not.toHaveAttribute('aria-invalid');
  });

  test('the field error is announced: a live region, empty until a count is refused', async ({ page }) => {
    const demo = await open(page);
    const error = demo.locator('#shared-memory-count-error');
    await expect(error).toBeEmpty();
    const live = await error.evaluate((element) => element.closest('[aria-live]')?.getAttribute('aria-live'));
    expect(live).toBe('assertive');
    // Enter in the field, where focus already is: only the live region can tell.
    await demo.getByLabel('Workers').fill('abc');
    await demo.getByLabel('Workers').press('Enter');
    await expect(error).toContainText('“abc” was not run: that is not a number');
  });

  for (const key of ['Enter', 'Space']) {
    test(`${key} on Run keeps keyboard focus on Run through the whole run`, async ({ page }) => {
      // The workers' script is held back until the checks below are made, so
      // that the run cannot end before them, however fast the machine.
      const release = await holdBack(page, '**/03-shared-memory/worker.js');
      const demo = await open(page);
      await demo.getByLabel('Workers').fill('2');
      await runButton(page).focus();
      await page.keyboard.press(key);
      await expect(status(page)).toHaveAttribute('data-state', 'running');
      await expect(runButton(page)).toHaveAttribute('aria-disabled', 'true');
      await expect(runButton(page)).toBeFocused();
      // Pressing it again while it runs starts nothing.
      await page.keyboard.press(key);
      await expect(status(page)).toHaveAttribute('data-state', 'running');
      release();
      await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
      await expect(runButton(page)).toBeFocused();
      await expect(runButton(page)).not.toHaveAttribute('aria-disabled');
      expect(await census(page)).toEqual({ created: 2, live: 0 });
    });
  }

  test('twelve runs in a row leave no live worker and stop growing the memory', async ({ page }) => {
    test.setTimeout(600_000);
    await open(page);
    const sizes: number[] = [];
    for (let i = 0; i < 12; i++) {
      await runToEnd(page, '3', 'done');
      expect((await census(page)).live).toBe(0);
      sizes.push(await memoryBytes(page));
    }
    expect((await census(page)).created).toBe(36);
    // Freed thread stacks are reused: after the first runs the memory has all it needs.
    expect(sizes.slice(4)).toEqual(Array(8).fill(sizes[4]));
  });

  test('a worker that panics shows its message while the others finish; run after run of it holds the memory flat', async ({
    page,
  }) => {
    test.setTimeout(600_000);
    const demo = await open(page);
    await panicBox(page).check();
    await runToEnd(page, '4', 'failed');
    await expect(demo.locator('[data-run-error]')).toContainText('worker-3 panicked at');
    await expect(demo.locator('[data-run-error]')).toContainText('this worker was asked to fail');
    await expect(demo.locator('[data-run-error]').getByRole('link', { name: 'How to fix this' })).toHaveAttribute(
      'href',
      '/troubleshooting/#a-worker-failed-or-panicked',
    );
    const states = await demo
      .locator('[data-greetings] li[data-worker]')
      .evaluateAll((all) => all.map((chip) => (chip as HTMLElement).dataset.state));
    expect(states).toEqual(['done', 'done', 'done', 'panicked']);
    expect(await valueOf(demo.locator('[data-finished]'))).toBe(3);
    await expect(demo.locator('[data-finished]')).toHaveText('3 of 4, 1 failed');
    // The healthy workers counted to the end: the failure waited for them.
    expect(await valueOf(demo.locator('[data-atomic-total]'))).toBe(3 * INCREMENTS);
    // The panicked worker's share was never counted, not lost: no verdict on losses.
    await expect(demo.locator('[data-atomic-total]')).not.toContainText('lost');
    expect(await census(page)).toEqual({ created: 4, live: 0 });

    // Four workers are enough: a run that kept the panicked worker's stack
    // would need a new one from fresh memory every time.
    const sizes = [await memoryBytes(page)];
    for (let i = 1; i < 8; i++) {
      await runToEnd(page, '4', 'failed');
      await expect(demo.locator('[data-run-error]')).toContainText('worker-3 panicked at');
      sizes.push(await memoryBytes(page));
    }
    // Before the fix, each run kept the panicked worker's stack (and in Firefox
    // the stacks of the workers stopped mid-task): 2 to 30 MiB a run.
    expect(sizes.slice(2)).toEqual(Array(6).fill(sizes[2]));
    await expect(demo.locator('[data-reload]')).toBeHidden();

    await panicBox(page).uncheck();
    await runToEnd(page, '4', 'done');
    await expect(demo.locator('[data-run-error]')).toBeEmpty();
    expect(await valueOf(demo.locator('[data-atomic-total]'))).toBe(4 * INCREMENTS);
    expect(await memoryBytes(page)).toBe(sizes[2]);
    expect(await census(page)).toEqual({ created: 9 * 4, live: 0 });
  });

  test('a worker whose first message is not "start" answers with an error instead of never starting', async ({
    page,
  }) => {
    await page.goto('/demos/03-shared-memory/');
    const answer = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const worker = new Worker('/demos/03-shared-memory/worker.js', { type: 'module' });
          worker.onmessage = ({ data }) => {
            worker.terminate();
            resolve(data);
          };
          worker.postMessage({ type: 'hello' });
        }),
    );
    expect(answer).toEqual({ type: 'failed', message: 'its first message was "hello", not "start"' });
  });

  test('a run that makes no progress for 30 s is stopped; a worker stopped mid-task makes the page offer a reload', async ({
    page,
  }) => {
    // worker-1 never starts, so worker-0 waits at the start line for ever.
    await page.route('**/03-shared-memory/worker.js', async (route) =>
      route.fulfill({
        // The real response's headers: the page's COEP requires them of a worker.
        response: await route.fetch(),
        body: `import { initSync, workerEntry } from './pkg/shared_memory.js';
          self.onmessage = ({ data }) => {
            if (self.name === 'worker-1') return;
            initSync({ module: data.module, memory: data.memory });
            workerEntry(data.task);
          };`,
      }),
    );
    await page.clock.install();
    const demo = await open(page);
    await run(page, '2');
    await expect(demo.locator('[data-worker="0"]')).toHaveAttribute('data-state', 'greeted');
    await expect(demo.locator('[data-reload]')).toBeHidden();
    await page.clock.runFor(31_000);
    await expect(status(page)).toHaveAttribute('data-state', 'failed');
    await expect(demo.locator('[data-run-error]')).toContainText('the run made no progress for 30 s');
    expect(await census(page)).toEqual({ created: 2, live: 0 });

    const notice = demo.locator('[data-reload]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(`${THREAD_STACK_BYTES / 2 ** 20} MiB of the shared memory`);
    await notice.getByRole('button', { name: 'Reload the page' }).click();
    await expect(runButton(page)).toBeEnabled();
    await expect(status(page)).toHaveAttribute('data-state', 'ready');
    await expect(demo.locator('[data-reload]')).toBeHidden();
  });

  test.describe('when a file is missing', () => {
    test.use({ allowedErrors: /404 \(Not Found\)|Loading Worker from .* was blocked|status of 404/ });

    test('a worker script that cannot load fails the run with a message and terminates every worker', async ({
      page,
    }) => {
      const demo = await open(page);
      await page.route('**/03-shared-memory/worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
      await run(page, '2');
      await expect(status(page)).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
      await expect(demo.locator('[data-run-error]')).toContainText('could not start');
      expect(await census(page)).toEqual({ created: 2, live: 0 });
      // Nothing had started, so nothing was left behind.
      await expect(demo.locator('[data-reload]')).toBeHidden();
    });

    test('a wasm file that cannot load is reported with a link to the fix that exists', async ({ page }) => {
      await page.route('**/03-shared-memory/pkg/shared_memory_bg.wasm', (route) =>
        route.fulfill({ status: 404, body: 'gone' }),
      );
      await page.goto(PAGE);
      const demo = demoOf(page);
      await expect(status(page)).toHaveAttribute('data-state', 'failed');
      await expect(status(page)).toHaveText('The wasm module did not load.');
      const fix = demo.locator('[data-run-error]').getByRole('link', { name: 'How to fix this' });
      const href = (await fix.getAttribute('href'))!;
      await expect(runButton(page)).toBeDisabled();
      await page.goto(href);
      await expect(page.locator(`[id="${href.split('#')[1]}"]`)).toHaveCount(1);
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
    const demo = demoOf(page);
    await expect(status(page)).toHaveAttribute('data-state', 'unsupported');
    await expect(demo.locator('[data-run-error]')).toContainText('ignores { type: "module" }');
    await expect(demo.getByRole('link', { name: 'How to fix this' })).toHaveAttribute(
      'href',
      '/troubleshooting/#module-workers-are-not-supported',
    );
    await expect(runButton(page)).toBeDisabled();
  });

  test('an isolated page whose engine hides SharedArrayBuffer is told that, not that it lacks isolation', async ({
    page,
  }) => {
    // What Safari before 15.2 and WebKitGTK without JSC_useSharedArrayBuffer=1 do.
    await page.addInitScript(() => {
      delete (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer;
    });
    await page.goto(PAGE);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const alert = demoOf(page).locator('[data-run-error]');
    await expect(status(page)).toHaveAttribute('data-state', 'unsupported');
    await expect(alert).toContainText('although the page is cross-origin isolated');
    await expect(alert).toContainText('Safari before 15.2, or WebKitGTK without JSC_useSharedArrayBuffer=1');
    await expect(alert).not.toContainText('not isolated');
    await expect(alert).not.toContainText('crossOriginIsolated is false');
    await expect(runButton(page)).toBeDisabled();
  });

  test('on a 375 px phone the panic checkbox sits beside its label', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await open(page);
    const box = (await panicBox(page).boundingBox())!;
    const label = (await demoOf(page).locator('label[for="shared-memory-panic"]').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(label.x);
    expect(box.y).toBeLessThan(label.y + label.height);
    expect(box.y + box.height).toBeGreaterThan(label.y);
  });
});
