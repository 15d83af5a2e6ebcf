// Stage 4's demo page, driven as a reader would: shared by tests/stage-4.spec.ts's tests.
import type { Locator, Page } from '@playwright/test';
import { expect } from '../fixtures';

/** The demo's own page: the same files as the tutorial's (tests/site/ checks the demo there). */
export const PAGE = '/demos/04-thread-pool/';
/** What a test may fill in: the numbers and the switches (radio groups take their value too). */
export type Settings = { threads: string; width: string; height: string; iterations: string; 'min-len': string; split: string; view: string };
/** Small enough that a render takes milliseconds, big enough that every thread gets rows. */
export const TINY = { width: '96', height: '64', iterations: '200' };

export async function open(page: Page, query = '') {
  await page.goto(PAGE + query);
  const demo = page.locator('#thread-pool-demo');
  await expect(demo.getByRole('button', { name: 'Render' })).toBeEnabled({ timeout: 30_000 });
  return demo;
}

/** Sets the fields to these values in one step (a round trip per field is slow in Firefox); the page reads them on submit. */
export async function fill(demo: Locator, settings: Partial<Settings>) {
  await demo.evaluate((form: HTMLFormElement, values) => {
    for (const [name, value] of Object.entries(values)) (form.elements.namedItem(name) as HTMLInputElement | RadioNodeList).value = value;
  }, settings);
}

/** Clicks Render and waits until the render has ended, one way or another. */
export async function render(demo: Locator, settings: Partial<Settings>) {
  await fill(demo, settings);
  await demo.getByRole('button', { name: 'Render' }).click();
  const status = demo.locator('[data-status]');
  await expect(status).not.toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  return status.getAttribute('data-state');
}

export const data = (demo: Locator, name: string, attribute: string) =>
  demo.locator(`[data-${name}]`).getAttribute(`data-${attribute}`);

/** FNV-1a of the canvas's pixels, as the page drew them: must equal Rust's checksum. */
export const canvasChecksum = (demo: Locator) =>
  demo.locator('[data-canvas]').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let hash = 0x811c9dc5;
    for (const byte of data) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    return hash;
  });

/**
 * Counts the workers the page constructs and terminates, by script; call
 * before the page loads. Resolves to a function that reads the count.
 */
export async function countWorkers(page: Page) {
  await page.addInitScript(() => {
    const Original = window.Worker;
    const census = { created: [] as string[], live: new Set<Worker>() };
    Object.assign(window, { workerCensus: census });
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        census.created.push(String(url).split('/').pop()!);
        census.live.add(this);
      }
      terminate() {
        census.live.delete(this);
        super.terminate();
      }
    };
  });
  return () =>
    page.evaluate(() => {
      const { created, live } = (window as unknown as { workerCensus: { created: string[]; live: Set<Worker> } }).workerCensus;
      return { created: [...created], live: live.size };
    });
}
