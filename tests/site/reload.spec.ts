import { builtPages } from '../../scripts/lib/built-pages.mjs';
import { expect, test } from '../fixtures';
import { builtHtml, hasDemo } from './built-site';

// Firefox keeps a form's controls as they were (a button's disabled state, a
// radio's checkedness) across a reload, unless the form says autocomplete="off"
// (Mozilla bug 654072): a demo's Run would then be clickable before its module
// has loaded. Each demo's own page, reloaded while its wasm is held back.

test.describe.configure({ mode: 'parallel' });

/** The text of each button the built markup disables: enabled only by the demo's script, once it can run. */
const disabledInMarkup = (route: string) =>
  [...builtHtml(route).matchAll(/<button\b([^>]*)>([^<]*)<\/button>/g)]
    .filter(([, attributes]) => /\sdisabled(\s|=|$)/.test(attributes))
    .map(([, , text]) => text.trim());

/** What the demo's status says until its script has loaded the module. */
const loadingText = (route: string) => /<p\b[^>]*role="status"[^>]*>([^<]*)<\/p>/.exec(builtHtml(route))?.[1] ?? '';

// Stage 2's Greet is enabled in the markup (its worker queues the message), so it has nothing to check.
const demoPages = builtPages().filter((route) => route.startsWith('/demos/') && hasDemo(route) && disabledInMarkup(route).length > 0);

test('four demos disable buttons until their module has loaded', () => {
  expect(demoPages.length).toBeGreaterThanOrEqual(4);
});

for (const route of demoPages) {
  test(`${route}: reloaded before its module has loaded, the buttons the markup disables are still disabled`, async ({ page }) => {
    const disabled = disabledInMarkup(route);
    await page.goto(route);
    const status = page.locator('form.demo [role="status"]').first();
    await expect(status).not.toHaveText(loadingText(route), { timeout: 30_000 });
    // Every button the demo disables is enabled now, before the reload.
    await expect(page.locator('form.demo button:disabled:visible')).toHaveCount(0);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/*.wasm', async (request) => {
      await held;
      await request.continue();
    });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await expect(status).toHaveText(loadingText(route));
    const enabled = await page.locator('form.demo button').evaluateAll((buttons) =>
      buttons.filter((button) => !(button as HTMLButtonElement).disabled).map((button) => button.textContent?.trim()),
    );
    expect(enabled.filter((text) => disabled.includes(text ?? '')), 'enabled while the module is still loading').toEqual([]);
    release();
    await expect(status).not.toHaveText(loadingText(route), { timeout: 30_000 });
  });
}
