import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { stage3 } from './lib/constants';
import { readTimeline, timelineProblems } from './lib/stage-3-timeline';

/** The demo's own page: the same files as the tutorial's (tests/site/ checks the demo there). */
const PAGE = '/demos/03-shared-memory/';
const { increments: INCREMENTS, threadStackBytes: THREAD_STACK_BYTES, maxWorkers, countings } = stage3;

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
/** Every worker's chip: its `data-` value of `key`, in worker order. */
const chipData = (page: Page, key: 'greeting' | 'state') =>
  demoOf(page)
    .locator('[data-greetings] li[data-worker]')
    .evaluateAll((all, key) => all.map((chip) => (chip as HTMLElement).dataset[key]), key);
/** What is wrong with the timeline of the run just ended. */
const timelineOf = async (page: Page, workers: number, failed?: number) =>
  timelineProblems(await page.evaluate(readTimeline, '#shared-memory-demo [data-lanes]'), workers, failed);

test.describe('stage 3: N workers, one shared memory', () => {
  // Many threads on a machine that may be busy: runs can take a while.
  test.describe.configure({ timeout: 120_000 });

  test('at 2 workers every way of counting, chosen by keyboard, counts exactly, and each run draws one ordered lane per worker that its table agrees with', async ({
    page,
  }) => {
    const demo = await open(page);
    const ways = demo.getByRole('group', { name: 'How the workers count' }).getByRole('radio');
    // Labelled controls, one per way the crate offers, in its order.
    expect(await ways.evaluateAll((all) => all.map((radio) => (radio as HTMLInputElement).value))).toEqual(countings);
    await expect(demo.getByRole('radio', { name: /One shared line/ })).toBeChecked();
    const expected = 2 * INCREMENTS;
    for (const [index, counting] of countings.entries()) {
      if (index > 0) {
        // A radio group is one tab stop; the arrow keys move the choice.
        await ways.nth(index - 1).focus();
        await page.keyboard.press('ArrowDown');
      }
      await expect(ways.nth(index)).toBeChecked();
      await demo.getByLabel('Workers').fill('2');
      await demo.getByLabel('Workers').press('Enter');
      await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

      expect(await chipData(page, 'greeting'), counting).toEqual(['Hello from worker-0!', 'Hello from worker-1!']);
      expect(await chipData(page, 'state'), counting).toEqual(['done', 'done']);
      expect(await valueOf(demo.locator('[data-expected-total]'))).toBe(expected);
      expect(await valueOf(demo.locator('[data-atomic-total]')), counting).toBe(expected);
      await expect(demo.locator('[data-atomic-total]')).toContainText('none lost');
      expect(await valueOf(demo.locator('[data-finished]'))).toBe(2);
      await expect(status(page)).toContainText('matches exactly');
      const racyRow = demo.locator('.total.racy');
      if (counting === 'shared-line') {
        await expect(status(page)).toContainText('Atomic total matches exactly');
        // The racy total can only lose updates, never gain them.
        const racy = await valueOf(demo.locator('[data-racy-total]'));
        expect(racy).toBeLessThanOrEqual(expected);
        if (racy < expected) await expect(demo.locator('[data-racy-why]')).toContainText('another worker stores between');
        else await expect(demo.locator('[data-racy-why]')).toContainText('Nothing was lost this time');
      } else await expect(racyRow).toBeHidden();
      expect(await timelineOf(page, 2), counting).toEqual([]);
      expect(await census(page)).toEqual({ created: 2 * (index + 1), live: 0 });
    }
    // The last runs side by side, newest first.
    const history = demo.locator('[data-history] tbody tr');
    expect(await history.evaluateAll((rows) => rows.map((row) => row.children[0].textContent))).toEqual(countings.toReversed());
    await expect(history.locator('td:nth-child(3)')).toHaveText(['yes', 'yes', 'yes']);
  });

  test('on a 375 px phone: a refused count or way of counting starts no worker and says why, announced; the controls sit beside their labels; one worker counts exactly, cannot race with itself, and its timeline fits the screen', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const demo = await open(page);
    const field = demo.getByLabel('Workers');
    const error = demo.locator('#shared-memory-count-error');
    await expect(error).toBeEmpty();
    expect(await error.evaluate((element) => element.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('assertive');
    // One of each kind of refusal; every other case is a unit test in rust/03-shared-memory/src/worker_count.rs.
    // Enter in the field, where focus already is: only the live region can tell.
    for (const bad of ['abc', '0', '2.5', String(maxWorkers + 1)]) {
      await field.fill(bad);
      await field.press('Enter');
      await expect(field, bad).toHaveAttribute('aria-invalid', 'true');
      await expect(error, bad).toContainText(`“${bad}” was not run: ${bad === 'abc' ? 'that is not a number' : ''}`);
      await expect(error, bad).toContainText(`enter a whole number from 1 to ${maxWorkers}`);
      await expect(field, bad).toHaveAccessibleDescription(new RegExp(`enter a whole number from 1 to ${maxWorkers}`));
      expect(await census(page), bad).toEqual({ created: 0, live: 0 });
    }
    // A way the page does not offer, as devtools or a copied page could send it: Rust refuses it.
    const mutex = demo.getByRole('radio', { name: /Mutex/ });
    await mutex.evaluate((radio) => ((radio as HTMLInputElement).value = 'spinlock'));
    await mutex.check();
    await run(page, '2');
    await expect(demo.locator('[data-run-error]')).toHaveText(
      `“spinlock” was not run: this demo counts in one of these ways only: ${countings.join(', ')}.`,
    );
    await expect(status(page)).toHaveAttribute('data-state', 'ready');
    expect(await census(page)).toEqual({ created: 0, live: 0 });

    for (const id of ['shared-memory-panic', 'shared-memory-record', 'shared-memory-own-line']) {
      const box = (await demo.locator(`#${id}`).boundingBox())!;
      const label = (await demo.locator(`label[for="${id}"]`).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(label.x);
      expect(box.y, id).toBeLessThan(label.y + label.height);
      expect(box.y + box.height, id).toBeGreaterThan(label.y);
    }

    // Still usable: a good count and way run.
    await demo.getByRole('radio', { name: /One shared line/ }).check();
    await runToEnd(page, '1', 'done');
    await expect(field).not.toHaveAttribute('aria-invalid');
    await expect(demo.locator('[data-run-error]')).toBeEmpty();
    expect(await valueOf(demo.locator('[data-atomic-total]'))).toBe(INCREMENTS);
    expect(await valueOf(demo.locator('[data-racy-total]'))).toBe(INCREMENTS);
    await expect(demo.locator('[data-racy-why]')).toContainText('cannot race with itself');
    expect(await timelineOf(page, 1)).toEqual([]);
    const form = (await demo.boundingBox())!;
    const drawing = (await demo.locator('.timeline-drawing').boundingBox())!;
    expect(drawing.x + drawing.width).toBeLessThanOrEqual(form.x + form.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await census(page)).toEqual({ created: 1, live: 0 });
  });

  test('Enter and Space on Run keep keyboard focus on Run through the whole run; Space on Record switches the timeline off', async ({
    page,
  }) => {
    // The workers' script is held back until the checks below are made, so
    // that a run cannot end before them, however fast the machine.
    let release = await holdBack(page, '**/03-shared-memory/worker.js');
    const demo = await open(page);
    const record = demo.getByLabel(/Record each worker’s timeline/);
    await demo.getByLabel('Workers').fill('1');
    for (const [index, key] of ['Enter', 'Space'].entries()) {
      if (key === 'Space') {
        await record.focus();
        await page.keyboard.press('Space');
        await expect(record).not.toBeChecked();
      }
      await runButton(page).focus();
      await page.keyboard.press(key);
      await expect(status(page)).toHaveAttribute('data-state', 'running');
      await expect(runButton(page)).toHaveAttribute('aria-disabled', 'true');
      await expect(runButton(page)).toBeFocused();
      // Pressing it again while it runs starts nothing.
      await page.keyboard.press(key);
      await expect(status(page)).toHaveAttribute('data-state', 'running');
      release();
      await expect(status(page), key).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
      await expect(runButton(page)).toBeFocused();
      await expect(runButton(page)).not.toHaveAttribute('aria-disabled');
      expect(await census(page)).toEqual({ created: index + 1, live: 0 });
      await page.unroute('**/03-shared-memory/worker.js');
      // A fresh request for the next run, not the cached script: hold it back again.
      release = await holdBack(page, '**/03-shared-memory/worker.js');
    }
    // The run without a recording still counted every increment.
    expect(await valueOf(demo.locator('[data-atomic-total]'))).toBe(INCREMENTS);
    await expect(demo.locator('[data-lanes]')).toHaveText('This run recorded no timeline.');
  });

  test('a worker that panics shows its message while the others finish; panicked and healthy runs in turn hold the memory flat', async ({
    page,
  }) => {
    const demo = await open(page);
    const sizes: number[] = [];
    for (const panics of [true, false, true, false]) {
      await panicBox(page).setChecked(panics);
      await runToEnd(page, '2', panics ? 'failed' : 'done');
      expect((await census(page)).live).toBe(0);
      sizes.push(await memoryBytes(page));
      if (!panics) {
        await expect(demo.locator('[data-run-error]')).toBeEmpty();
        expect(await valueOf(demo.locator('[data-atomic-total]'))).toBe(2 * INCREMENTS);
        continue;
      }
      await expect(demo.locator('[data-run-error]')).toContainText('worker-1 panicked at');
      await expect(demo.locator('[data-run-error]')).toContainText('this worker was asked to fail');
      await expect(demo.locator('[data-run-error]').getByRole('link', { name: 'How to fix this' })).toHaveAttribute(
        'href',
        '/troubleshooting/#a-worker-failed-or-panicked',
      );
      expect(await chipData(page, 'state')).toEqual(['done', 'panicked']);
      await expect(demo.locator('[data-finished]')).toHaveText('1 of 2, 1 failed');
      // The healthy worker counted to the end: the failure waited for it.
      expect(await valueOf(demo.locator('[data-atomic-total]'))).toBe(INCREMENTS);
      // The panicked worker's share was never counted, not lost: no verdict on losses.
      await expect(demo.locator('[data-atomic-total]')).not.toContainText('lost');
      expect(await timelineOf(page, 2, 1)).toEqual([]);
    }
    expect((await census(page)).created).toBe(4 * 2);
    // After the first run every run reuses the stacks it freed. A leaked stack
    // (a panicked worker's, before the fix) grew the memory by 2 MiB a run.
    expect(sizes.slice(1)).toEqual(Array(3).fill(sizes[1]));
    await expect(demo.locator('[data-reload]')).toBeHidden();
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
});
