import type { Page } from '@playwright/test';
import type { SettingName } from '../demos/04-thread-pool/messages';
import { expect, test } from './fixtures';
import { stage4 } from './lib/constants';
import { TINY, canvasChecksum, countWorkers, data, fill, open, render } from './lib/stage-4-page';
import { readTimeline } from './lib/stage-3-timeline';
import { poolTimelineProblems, readPoolExtras } from './lib/stage-4-timeline';

const { settings: limits, choices } = stage4;

/** What is wrong with the timeline, table and tint of the render just drawn. */
async function timelineOf(page: Page, threads: number, height: number) {
  const drawn = { ...(await page.evaluate(readTimeline, '#thread-pool-demo [data-lanes]')), ...(await page.evaluate(readPoolExtras, '#thread-pool-demo')) };
  return poolTimelineProblems(drawn, threads, height);
}

test.describe('stage 4: a thread pool', () => {
  // A busy machine can take a while over several renders (seen: 30 s was too
  // little for four renders in Firefox with the load average at 28).
  test.describe.configure({ timeout: 120_000 });

  test('1, 2 and 4 threads draw the same pixels as the plain loop, and the canvas shows them', async ({ page }) => {
    const demo = await open(page);
    const checksums: string[] = [];
    for (const threads of ['1', '2', '4']) {
      expect(await render(demo, { threads, ...TINY })).toBe('done');
      await expect(demo.locator('[data-threads]')).toHaveText(threads);
      const checksum = (await data(demo, 'checksum', 'checksum'))!;
      checksums.push(checksum);
      expect(await data(demo, 'matches', 'matches')).toBe('true');
      expect(await canvasChecksum(demo)).toBe(Number(checksum));
      await expect(demo.locator('[data-pool-workers]')).toHaveText(threads);
      // The plain loop the checksum is compared with was timed too.
      expect(Number(await data(demo, 'plain-ms', 'ms'))).toBeGreaterThan(0);
    }
    expect(new Set(checksums).size).toBe(1);
    // Not a blank image: a different size gives a different checksum.
    expect(await render(demo, { threads: '2', ...TINY, iterations: '201' })).toBe('done');
    expect(await data(demo, 'checksum', 'checksum')).not.toBe(checksums[0]);
  });

  test('the page handles a click while a render is still in progress', async ({ page }) => {
    const demo = await open(page);
    // The largest render there is, on one thread: far longer than this test takes.
    await fill(demo, { threads: '1', width: String(limits.width.max), height: String(limits.height.max), iterations: String(limits.iterations.max) });
    await demo.getByRole('button', { name: 'Render' }).click();
    const status = demo.locator('[data-status]');
    await expect(status).toHaveAttribute('data-state', 'running');
    // If the main thread were rendering, neither this script nor the click
    // could run before the render was over, and the status would say "done".
    await page.evaluate(() => {
      document.querySelector('#thread-pool-demo [data-hint]')!.addEventListener(
        'click',
        () => {
          document.body.dataset.clickSawState = document.querySelector<HTMLElement>('#thread-pool-demo [data-status]')!.dataset.state;
        },
        { once: true },
      );
    });
    await demo.locator('[data-hint]').click();
    expect(await page.evaluate(() => document.body.dataset.clickSawState)).toBe('running');
  });

  const range = (name: SettingName) => new RegExp(`from ${limits[name].min} to ${limits[name].max}`);
  // One of each kind of refusal, once per field; every other case of the
  // checks is a unit test in rust/04-thread-pool/src/settings.rs.
  const bad: [SettingName, string, RegExp][] = [
    ['threads', String(limits.threads.max + 1), range('threads')],
    ['width', 'abc', /not a whole number/],
    ['height', String(limits.height.min - 1), range('height')],
    ['iterations', '-3', /not a whole number/],
  ];
  test('bad settings are refused next to their field and start nothing; a good render follows', async ({ page }) => {
    const demo = await open(page);
    for (const [name, value, message] of bad) {
      expect(await render(demo, { threads: '2', ...TINY, [name]: value })).toBe('refused');
      const input = demo.locator(`input[name="${name}"]`);
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(input).toHaveAccessibleDescription(message);
      await expect(demo.locator(`[data-error-for="${name}"]`)).toContainText(`“${value}” was not used`);
      // Nothing was rendered and no pool was made.
      await expect(demo.locator('[data-checksum]')).toHaveText('–');
      await expect(demo.locator('[data-pool-workers]')).toHaveText('–');
    }
    expect(await render(demo, { threads: '2', ...TINY })).toBe('done');
    await expect(demo.locator('[aria-invalid="true"]')).toHaveCount(0);
    await expect(demo.locator('[data-pool-workers]')).toHaveText('2');
  });

  test('twenty renders keep one pool of the right size and stop growing the memory', async ({ page }) => {
    const demo = await open(page);
    const sizes: number[] = [];
    for (let i = 0; i < 20; i++) {
      // The thread count changes once, at the tenth render: the pool is re-made
      // smaller, and the worker it no longer needs is ended.
      const threads = i < 10 ? '3' : '2';
      expect(await render(demo, { threads, ...TINY })).toBe('done');
      await expect(demo.locator('[data-pool-workers]')).toHaveText(threads);
      sizes.push(Number(await data(demo, 'memory-bytes', 'bytes')));
    }
    // Freed stacks and pixel buffers are reused: after the first renders at each size, no growth.
    expect(sizes.slice(12)).toEqual(Array(8).fill(sizes[12]));
    expect(sizes[19]).toBeLessThan(64 * 2 ** 20);
  });

  test('the page itself creates the owner and every pool worker, and ends the ones a smaller pool does not need', async ({ page, browserName }) => {
    const census = await countWorkers(page);
    const demo = await open(page);
    expect(await render(demo, { threads: '3', ...TINY })).toBe('done');
    expect(await census()).toEqual({ created: ['owner.js', 'pool-worker.js', 'pool-worker.js', 'pool-worker.js'], live: 4 });
    expect(await render(demo, { threads: '2', ...TINY })).toBe('done');
    expect((await census()).live).toBe(3);
    // Chromium shows Playwright every worker, a worker's own ones too: none but the page's.
    if (browserName === 'chromium') expect(page.workers()).toHaveLength(3);
  });

  test('a panic in one task comes back as an error, and the same pool, with the same workers, renders the next image', async ({ page }) => {
    const census = await countWorkers(page);
    const demo = await open(page, '?panic-row=10');
    expect(await render(demo, { threads: '2', ...TINY })).toBe('panicked');
    // The panic's own text, carried from the pool thread that panicked to the page.
    await expect(demo.locator('[data-run-error]')).toContainText('row 10 was asked to fail');
    await expect(demo.locator('[data-status]')).toContainText('The pool kept its 2 threads');
    await expect(demo.locator('[data-pool-workers]')).toHaveText('2');
    const afterPanic = await census();
    expect(afterPanic).toEqual({ created: ['owner.js', 'pool-worker.js', 'pool-worker.js'], live: 3 });

    expect(await render(demo, { threads: '2', ...TINY })).toBe('done');
    await expect(demo.locator('[data-run-error]')).toBeEmpty();
    expect(await data(demo, 'matches', 'matches')).toBe('true');
    expect(await canvasChecksum(demo)).toBe(Number(await data(demo, 'checksum', 'checksum')));
    // No worker was created or ended: the same owner and pool threads drew it.
    expect(await census()).toEqual(afterPanic);
  });

  test('Measure renders every thread count and charts one point per count, with a table', async ({ page }) => {
    const demo = await open(page);
    const cores = await page.evaluate((max) => Math.min(navigator.hardwareConcurrency, max), limits.threads.max);
    await fill(demo, TINY);
    await demo.getByRole('button', { name: 'Measure speedup' }).click();
    const results = demo.locator('[data-measure-results]');
    await expect(results.locator('[data-measure-status]')).toContainText(`Measured 1 to ${cores}`, { timeout: 100_000 });
    await expect(results.locator('[data-chart] circle')).toHaveCount(cores);
    await expect(results.locator('[data-times] tbody tr')).toHaveCount(cores);
    // S(1) is T(1) / T(1); every S is a measured, positive number.
    expect(await results.locator('[data-chart] circle').first().getAttribute('data-speedup')).toBe('1');
    for (const speedup of await results.locator('[data-chart] circle').evaluateAll((points) => points.map((p) => Number(p.getAttribute('data-speedup'))))) {
      expect(speedup).toBeGreaterThan(0);
    }
    const progress = results.locator('progress');
    expect(await progress.evaluate((bar: HTMLProgressElement) => bar.value === bar.max)).toBe(true);
    await expect(results.getByRole('img', { name: /Speedup S\(N\)/ })).toBeVisible();
  });

  test('Measure can be cancelled and leaves the page usable', async ({ page }) => {
    // The first pool worker's script is held back until Cancel has been
    // clicked, so that the first render is still in progress then, however
    // fast the machine.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/pool-worker.js', async (route) => {
      await held;
      await route.continue();
    });
    const demo = await open(page);
    await fill(demo, TINY);
    await demo.getByRole('button', { name: 'Measure speedup' }).click();
    const status = demo.locator('[data-measure-status]');
    await expect(status).toContainText('Measuring 1 of');
    await demo.getByRole('button', { name: 'Cancel' }).click();
    await expect(status).toHaveText('Cancelling after the render in progress…');
    release();
    await expect(status).toHaveText(/^Cancelled: 0 of \d+ thread counts measured\.$/);
    await expect(demo.getByRole('button', { name: 'Cancel' })).toBeHidden();
    expect(await render(demo, { threads: '1', ...TINY })).toBe('done');
  });

  test('every split, chosen by keyboard on the off-centre view, draws the plain loop’s pixels; each render shows one ordered lane per thread that its table and its tint agree with, and says what changed', async ({
    page,
  }) => {
    const demo = await open(page);
    const splits = demo.getByRole('group', { name: 'How the rows are split into tasks' }).getByRole('radio');
    // Labelled controls, one per split the crate offers, in its order.
    expect(await splits.evaluateAll((all) => all.map((radio) => (radio as HTMLInputElement).value))).toEqual(choices.split.options);
    await expect(demo.getByRole('radio', { name: /^The whole set/ })).toBeChecked();
    // A radio group is one tab stop; the arrow keys move the choice.
    await demo.getByRole('radio', { name: /^The whole set/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(demo.getByRole('radio', { name: /^Off-centre/ })).toBeChecked();
    const tint = demo.getByLabel('Tint each row by the thread that computed it');
    // Checked before any render, it waits for one: nothing to tint yet.
    await tint.check();
    await expect(demo.locator('[data-tint]')).toBeHidden();
    await tint.uncheck();
    const checksums = new Set<string | null>();
    // The thread count changes at the last render: a new pool, whose lanes start with its threads' start-up.
    const runs = choices.split.options.map((split, index) => ({ split, threads: index === choices.split.options.length - 1 ? 3 : 2 }));
    for (const [index, { split, threads }] of runs.entries()) {
      if (index > 0) {
        await splits.nth(index - 1).focus();
        await page.keyboard.press('ArrowDown');
      }
      await expect(splits.nth(index)).toBeChecked();
      expect(await render(demo, { threads: String(threads), ...TINY, 'min-len': '5' }), split).toBe('done');
      expect(await data(demo, 'matches', 'matches'), split).toBe('true');
      checksums.add(await data(demo, 'checksum', 'checksum'));
      await expect(demo.locator('[data-split]')).toHaveAttribute('data-split', split);
      await expect(demo.locator('[data-changed]')).toHaveText(index === 0 ? 'first render' : `${threads === 2 ? '' : 'threads 2 → 3, '}split ${runs[index - 1].split} → ${split}`);
      // The tint is drawn over the image, never into it: the canvas still has Rust's pixels.
      await tint.check();
      await expect(demo.locator('[data-tint]')).toBeVisible();
      expect(await canvasChecksum(demo)).toBe(Number(await data(demo, 'checksum', 'checksum')));
      expect(await timelineOf(page, threads, Number(TINY.height)), split).toEqual([]);
      // The split was the one asked for: bands are whole (one per thread), min-len jobs hold k rows at least.
      const jobs = (await page.evaluate(readPoolExtras, '#thread-pool-demo')).jobRows.flat();
      const [height, band] = [Number(TINY.height), Math.ceil(Number(TINY.height) / threads)];
      const whole = jobs.every(([first, last]) => first % band === 0 && ((last + 1) % band === 0 || last + 1 === height));
      if (split === 'bands') expect(whole, `${jobs.join(' ')}`).toBe(true);
      if (split === 'min-len') expect(Math.min(...jobs.map(([first, last]) => last - first + 1)), `${jobs.join(' ')}`).toBeGreaterThanOrEqual(5);
      await tint.uncheck();
      await expect(demo.locator('[data-tint]')).toBeHidden();
      await expect(demo.locator('[data-tint-legend]')).toBeHidden();
    }
    // Every split, the same pixels; the new pool's lanes show its threads starting: every
    // thread that ran a job has its start-up first. (A thread may not have started at all
    // before two others finished so small an image: seen under load, so not required.)
    expect(checksums.size).toBe(1);
    const lanes = await demo.locator('[data-lanes] .timeline-lane').evaluateAll((all) =>
      all.map((lane) => [...lane.querySelectorAll<HTMLElement>('.timeline-span')].map((span) => span.dataset.kind)),
    );
    expect(lanes).toHaveLength(3);
    for (const kinds of lanes.filter((kinds) => kinds.includes('job'))) expect(kinds[0], kinds.join(' ')).toBe('start-up');
    expect(lanes.filter((kinds) => kinds[0] === 'start-up').length).toBeGreaterThan(0);
  });

  test('a switch value or k the page did not offer is refused by Rust next to its group and starts nothing', async ({ page }) => {
    const census = await countWorkers(page);
    const demo = await open(page);
    // As devtools or a copy of the page could send them.
    for (const [name, value, message] of [
      ['split', 'spiral', `this demo offers one of these only: ${choices.split.options.join(', ')}.`],
      ['view', 'zoomed', `this demo offers one of these only: ${choices.view.options.join(', ')}.`],
      ['min-len', '0', `from ${limits['min-len'].min} to ${limits['min-len'].max}`],
    ] as const) {
      if (name !== 'min-len') {
        const radio = demo.locator(`input[name="${name}"]`).last();
        await radio.evaluate((element, value) => ((element as HTMLInputElement).value = value), value);
        await radio.check();
      }
      expect(await render(demo, { threads: '2', ...TINY, ...(name === 'min-len' ? { 'min-len': value, split: 'min-len' } : {}) }), name).toBe('refused');
      await expect(demo.locator(`[data-error-for="${name}"]`)).toContainText(`“${value}” was not used: `);
      await expect(demo.locator(`[data-error-for="${name}"]`)).toContainText(message);
      await expect(demo.locator('[data-checksum]')).toHaveText('–');
      await expect(demo.locator('[data-pool-workers]')).toHaveText('–');
      expect(await census(), name).toEqual({ created: ['owner.js'], live: 1 });
      await page.reload();
      await expect(demo.getByRole('button', { name: 'Render' })).toBeEnabled({ timeout: 30_000 });
    }
  });
});
