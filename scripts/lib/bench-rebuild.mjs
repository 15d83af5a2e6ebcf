// `npm run bench`'s "rebuild on save": on a copy of the repository served by
// `astro dev` (as `npm start` serves it), the time from saving a crate's
// source to the open page showing the result. Stage 1: until the page greets
// with the saved text. A threaded stage: until the page has reloaded with the
// rebuilt wasm (its greeting only shows once the demo runs). Saving a .rs file
// also reloads the page at once (the listings on the page read it), before the
// build is done: that first reload is not what is measured.
import { createHash } from 'node:crypto';
import { chromium } from '@playwright/test';
import { launchSettings } from './browsers.mjs';
import { startDevCopy } from './dev-copy.mjs';

const SAMPLES = 3;

/** @param {{ port: number, median: (values: number[]) => number }} options */
export async function printRebuildOnSave({ port, median }) {
  console.log(`\nRebuild on save (npm start), median of ${SAMPLES} saves, seconds`);
  const copy = await startDevCopy({ port });
  const { channel, launchOptions } = launchSettings('chromium');
  const browser = await chromium.launch({ channel, ...launchOptions });
  try {
    const page = await browser.newPage();

    await page.goto(`${copy.url}/stages/01-main-thread/`);
    await greets(page, 'Hello,');
    const stage1 = [];
    for (let i = 1; i <= SAMPLES; i++) {
      const started = Date.now();
      copy.edit('rust/01-main-thread/src/lib.rs', (text) => text.replace(/"(Hello|Howdy\d*), /, `"Howdy${i}, `));
      await greets(page, `Howdy${i},`);
      stage1.push((Date.now() - started) / 1000);
    }
    console.log(`01-main-thread   save → new greeting on the page   ${median(stage1).toFixed(1)}`);

    // The page has the new wasm when the module it fetches differs from the one before.
    let loaded = '';
    page.on('response', async (response) => {
      if (!response.url().endsWith('_bg.wasm')) return;
      const body = await response.body().catch(() => null);
      if (body) loaded = createHash('sha256').update(body).digest('hex');
    });
    await page.goto(`${copy.url}/stages/03-shared-memory/`);
    await page.waitForLoadState('networkidle');
    const stage3 = [];
    for (let i = 1; i <= SAMPLES; i++) {
      const before = loaded;
      const started = Date.now();
      // A new constant, so that the built wasm really differs.
      copy.edit('rust/03-shared-memory/src/lib.rs', (text) => `${text}\n#[wasm_bindgen]\npub fn saved_${i}() -> u32 {\n    ${i}\n}\n`);
      const deadline = Date.now() + 180_000;
      while (loaded === before) {
        if (Date.now() > deadline) throw new Error('bench: stage 3 never reloaded with new wasm');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      stage3.push((Date.now() - started) / 1000);
    }
    console.log(`03-shared-memory save → page reloaded, new wasm    ${median(stage3).toFixed(1)}`);
  } finally {
    await browser.close();
    copy.stop();
  }
}

/** Greets until the page answers with `text` (it reloads by itself in between). */
async function greets(page, text) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const answer = await page
      .evaluate(async () => {
        const form = document.getElementById('main-thread-demo');
        const button = form?.querySelector('button[type="submit"]');
        if (!form || !button || button.disabled) return '';
        form.querySelector('input[name="name"]').value = 'Ada';
        button.click();
        await new Promise((resolve) => setTimeout(resolve, 50));
        return form.querySelector('output')?.textContent ?? '';
      })
      .catch(() => '');
    if (answer.includes(text)) return;
    if (Date.now() > deadline) throw new Error(`bench: the page never greeted with "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
