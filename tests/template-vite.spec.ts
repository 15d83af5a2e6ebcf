import { TEMPLATE_PORT } from '../playwright.config';
import { expect, test } from './fixtures';

// templates/vite: stage 4's pool client and workers, bundled by Vite and
// served by `vite preview` with the template's own headers.
test('the Vite template renders on stage 4’s pool, with the plain loop’s pixels', async ({ page }) => {
  await page.goto(`http://localhost:${TEMPLATE_PORT}/`);
  const status = page.getByRole('status');
  await expect(status).not.toHaveAttribute('data-state', 'loading', { timeout: 60_000 });
  expect(await status.getAttribute('data-state'), (await status.textContent()) ?? '').toBe('done');
  await expect(status).toHaveAttribute('data-matches', 'true');
});
