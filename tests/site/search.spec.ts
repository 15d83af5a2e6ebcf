import { expect, test } from '../fixtures';

test('search finds the troubleshooting entry for an error message', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await dialog.getByRole('textbox', { name: 'Search' }).fill('DataCloneError');
  await expect(dialog.getByRole('link', { name: /Troubleshooting/ }).first()).toBeVisible({ timeout: 10_000 });
  await expect(dialog.getByRole('link', { name: /Troubleshooting/ }).first()).toHaveAttribute('href', /\/troubleshooting\//);
});
