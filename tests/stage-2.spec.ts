import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The demo's own page: the same files as the tutorial's (tests/site/ checks the demo there). */
const PAGE = '/demos/02-single-worker/';

/** The greeting Rust makes in the worker, with the name isolated by U+2068 … U+2069. */
const greeting = (name: string) => `Hello, \u2068${name}\u2069! Greetings from stage-2-worker.`;

/** Holds the worker's wasm back until `release()` is called. */
function holdWasm(page: Page) {
  let release = () => {};
  const requested = new Promise<void>((resolve) => {
    void page.route('**/single_worker_bg.wasm', async (route) => {
      resolve();
      await new Promise<void>((done) => (release = done));
      await route.continue();
    });
  });
  return { requested, release: () => release() };
}

/** Each answer's number and text, top to bottom. */
const answers = (page: Page) =>
  page
    .locator('#single-worker-demo .answers li')
    .evaluateAll((items) => items.map((item) => [(item as HTMLLIElement).value, item.textContent]));

test.describe('stage 2: one module worker', () => {
  test('the worker answers a greeting, naming itself once', async ({ page }) => {
    await page.goto(PAGE);
    const demo = page.locator('#single-worker-demo');
    await expect(demo.getByRole('status')).toHaveText(/Ready: the module runs in the worker named “stage-2-worker”/);
    await demo.getByLabel('Your name').fill('Ada');
    await demo.getByRole('button', { name: 'Greet' }).click();
    await expect(demo.locator('.answers li')).toHaveText([greeting('Ada')]);
  });

  test('the newest answer is on top with the highest number, and the list keeps the last 20', async ({ page }) => {
    await page.goto(PAGE);
    const demo = page.locator('#single-worker-demo');
    await expect(demo.getByRole('status')).toHaveText(/^Ready/);
    for (let n = 1; n <= 3; n++) {
      await demo.getByLabel('Your name').fill(`Name ${n}`);
      await demo.getByLabel('Your name').press('Enter');
    }
    await expect(demo.locator('.answers li').first()).toHaveText(greeting('Name 3'));
    expect(await answers(page)).toEqual([3, 2, 1].map((n) => [n, greeting(`Name ${n}`)]));

    for (let n = 4; n <= 25; n++) {
      await demo.getByLabel('Your name').fill(`Name ${n}`);
      await demo.getByLabel('Your name').press('Enter');
    }
    await expect(demo.locator('.answers li').first()).toHaveText(greeting('Name 25'));
    await expect(demo.locator('.answers li').last()).toHaveText(greeting('Name 6'));
    const numbers = (await answers(page)).map(([n]) => n);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => 25 - i));
  });

  test('a request made while the worker starts is queued and answered', async ({ page }) => {
    // Hold the wasm back so the worker is certainly still starting when we ask.
    const wasm = holdWasm(page);
    await page.goto(PAGE);
    const demo = page.locator('#single-worker-demo');
    await wasm.requested;
    await demo.getByLabel('Your name').fill('Early');
    await demo.getByRole('button', { name: 'Greet' }).click();
    await expect(demo.getByRole('status')).toHaveText(/Starting the worker…|Still loading/);
    await expect(demo.locator('.answers li')).toHaveText(['Queued until the worker is ready…']);
    wasm.release();
    await expect(demo.locator('.answers li')).toHaveText([greeting('Early')]);
  });

  test('a slow start is shown as progress, not as a failure', async ({ page }) => {
    // The page's clock is Playwright's, so that its timers can be run ahead
    // instead of waited for.
    await page.clock.install();
    const wasm = holdWasm(page);
    await page.goto(PAGE);
    const demo = page.locator('#single-worker-demo');
    await wasm.requested;
    await page.clock.fastForward(3_000);
    await expect(demo.getByRole('status')).toHaveText(/Still loading the wasm module/);
    // Longer than the five seconds after which the demo used to give up.
    await page.clock.fastForward(6_000);
    await expect(demo.getByRole('alert')).toBeHidden();
    await expect(demo.getByRole('status')).toHaveText(/Still loading the wasm module/);
    wasm.release();
    await expect(demo.getByRole('status')).toHaveText(/^Ready/);
    await demo.getByLabel('Your name').press('Enter');
    await expect(demo.locator('.answers li')).toHaveText([greeting('stranger')]);
  });

  test.describe('when the wasm file is missing', () => {
    test.use({ allowedErrors: /404 \(Not Found\)/ });

    test('the page shows the failure, and Greet says the worker has stopped', async ({ page }) => {
      await page.goto(`${PAGE}?simulate=missing-wasm`);
      const demo = page.locator('#single-worker-demo');
      await expect(demo.getByRole('alert')).toContainText('The worker failed');
      await expect(demo.getByRole('alert')).not.toContainText('npm');
      await expect(demo.getByRole('status')).toHaveText('The worker stopped.');
      await expect(demo.getByRole('button', { name: 'Restart the worker' })).toBeVisible();
      await demo.getByRole('button', { name: 'Greet' }).click();
      await expect(demo.locator('.answers li')).toHaveText(['Not sent: the worker has stopped. Restart it first.']);
    });

    test('restarting from the keyboard leaves focus on the name field', async ({ page }) => {
      await page.goto(`${PAGE}?simulate=missing-wasm`);
      const demo = page.locator('#single-worker-demo');
      const restart = demo.getByRole('button', { name: 'Restart the worker' });
      await restart.focus();
      await restart.press('Enter');
      await expect(demo.getByLabel('Your name')).toBeFocused();
      // It fails again (the wasm is still missing), and the button comes back.
      await expect(restart).toBeVisible();
    });
  });

  test.describe('when the worker script cannot load', () => {
    test.use({ allowedErrors: /404 \(Not Found\)|Loading Worker from .* was blocked/ });

    test('the page shows the failure instead of waiting forever', async ({ page }) => {
      await page.route('**/02-single-worker/worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
      await page.goto(PAGE);
      await expect(page.locator('#single-worker-demo').getByRole('alert')).toContainText('The worker failed');
    });
  });
});
