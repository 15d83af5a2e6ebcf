import { expect, test } from './fixtures';

const PAGE = '/stages/02-single-worker/';

test.describe('stage 2: one module worker', () => {
  test('the worker answers a greeting and names itself as the thread', async ({ page }) => {
    await page.goto(PAGE);
    const demo = page.locator('#single-worker-demo');
    await expect(demo.getByRole('status')).toHaveText(/Ready: the module runs in the worker named “stage-2-worker”/);
    await demo.getByLabel('Your name').fill('Ada');
    await demo.getByRole('button', { name: 'Greet' }).click();
    await expect(demo.locator('.answers li')).toHaveText([
      'Hello, Ada! Greetings from stage-2-worker. (answered by thread: stage-2-worker)',
    ]);
  });

  test('a request made while the worker starts is queued and answered', async ({ page }) => {
    // Hold the wasm back so the worker is certainly still starting when we ask.
    let releaseWasm = () => {};
    const wasmRequested = new Promise<void>((resolve) => {
      void page.route('**/single_worker_bg.wasm', async (route) => {
        resolve();
        await new Promise<void>((release) => (releaseWasm = release));
        await route.continue();
      });
    });
    await page.goto(PAGE);
    const demo = page.locator('#single-worker-demo');
    await wasmRequested;
    await demo.getByLabel('Your name').fill('Early');
    await demo.getByRole('button', { name: 'Greet' }).click();
    await expect(demo.getByRole('status')).toHaveText('Starting the worker…');
    await expect(demo.locator('.answers li')).toHaveText(['Queued until the worker is ready…']);
    releaseWasm();
    await expect(demo.locator('.answers li')).toHaveText([
      'Hello, Early! Greetings from stage-2-worker. (answered by thread: stage-2-worker)',
    ]);
  });

  test.describe('when the wasm file is missing', () => {
    test.use({ allowedErrors: /404 \(Not Found\)/ });

    test('the page shows the failure and stays usable', async ({ page }) => {
      await page.goto(`${PAGE}?simulate=missing-wasm`);
      const demo = page.locator('#single-worker-demo');
      // Well within the demo's own five-second limit.
      await expect(demo.getByRole('alert')).toContainText('The worker failed', { timeout: 5_000 });
      await expect(demo.getByRole('status')).toHaveText('The worker stopped.');
      await expect(demo.getByRole('button', { name: 'Restart the worker' })).toBeVisible();
      await demo.getByRole('button', { name: 'Greet' }).click();
      await expect(demo.locator('.answers li')).toHaveCount(0);
    });
  });

  test.describe('when the worker script cannot load', () => {
    test.use({ allowedErrors: /404 \(Not Found\)|Loading Worker from .* was blocked/ });

    test('the page shows the failure instead of waiting forever', async ({ page }) => {
      await page.route('**/02-single-worker/worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
      await page.goto(PAGE);
      await expect(page.locator('#single-worker-demo').getByRole('alert')).toContainText('The worker failed', {
        timeout: 5_000,
      });
    });
  });
});
