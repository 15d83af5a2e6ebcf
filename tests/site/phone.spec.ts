import { builtPages } from '../../scripts/lib/built-pages.mjs';
import { expect, test } from '../fixtures';
import { hasDemo, settle, timeoutFor } from './built-site';

// Every page of the build on a phone: nothing wider than the screen, and each
// demo's controls on it and usable. Each test carries on past a page that
// fails, and reports every page that did.

test.describe.configure({ mode: 'parallel' });

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('no page scrolls sideways', async ({ page }) => {
    const pages = builtPages();
    test.setTimeout(timeoutFor(pages, 3_000));
    for (const route of pages) {
      await page.goto(route);
      await settle(page);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect
        .soft(scrollWidth, `${route} is ${scrollWidth} px wide in ${clientWidth} px`)
        .toBeLessThanOrEqual(clientWidth);
    }
  });

  test('a timeline’s axis labels stand apart, however long the run', async ({ page }) => {
    await page.goto('/stages/04-thread-pool/');
    await settle(page);
    // The shared drawing, in the width the demo gives its lanes, for runs short and long.
    const overlaps = await page.locator('#thread-pool-demo').evaluate(async (form) => {
      const { drawTimeline } = await import(new URL('/demos/shared/timeline.js', location.href).href);
      const container = form.appendChild(document.createElement('div'));
      const found: string[] = [];
      for (const end of [150, 1_500, 4_004.6, 9_999, 40_000]) {
        const lanes = [{ label: 'thread-0', spans: [{ start: 0, end, kind: 'job' }] }];
        drawTimeline(container, { lanes, start: 0, end, caption: `${end} ms` });
        // Its stylesheet is linked by the first drawing: wait until it has loaded.
        const sheet = document.querySelector<HTMLLinkElement>('link[href$="/timeline.css"]');
        if (sheet && !sheet.sheet) await new Promise((resolve) => sheet.addEventListener('load', resolve, { once: true }));
        const boxes = [...container.querySelectorAll<HTMLElement>('.timeline-tick')]
          .filter((tick) => getComputedStyle(tick).visibility !== 'hidden')
          .map((tick) => ({ text: tick.textContent, box: tick.getBoundingClientRect() }));
        boxes.slice(1).forEach(({ text, box }, index) => {
          if (box.left <= boxes[index].box.right) found.push(`${end} ms: "${boxes[index].text}" and "${text}" overlap`);
        });
        if (boxes.length < 2) found.push(`${end} ms: ${boxes.length} label`);
      }
      container.remove();
      return found;
    });
    expect(overlaps).toEqual([]);
  });

  test('every demo’s controls are on the screen and usable', async ({ page }) => {
    const pages = builtPages().filter(hasDemo);
    test.setTimeout(timeoutFor(pages, 6_000));
    for (const route of pages) {
      await page.goto(route);
      await settle(page);
      // Each control, scrolled to (down only: a phone reader does not scroll sideways),
      // where it is then, and what a tap on its middle would reach. One round trip, not one per check.
      const controls = await page.locator('form.demo').evaluate((form) =>
        [...form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button, select, textarea')]
          .filter((control) => control.checkVisibility())
          .map((control) => {
            const top = control.getBoundingClientRect().top + window.scrollY - window.innerHeight / 2;
            window.scrollTo({ top, left: 0, behavior: 'instant' });
            const box = control.getBoundingClientRect();
            const reached = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return {
              name: control.outerHTML.slice(0, 60),
              id: control.id,
              type: control.type,
              left: box.left,
              right: box.right,
              width: box.width,
              screenWidth: document.documentElement.clientWidth,
              enabled: !control.disabled,
              tappable: reached === control || control.contains(reached),
            };
          }),
      );
      expect.soft(controls.length, `controls on ${route}`).toBeGreaterThan(0);
      for (const control of controls) {
        const name = `${route} ${control.name}`;
        expect.soft(control.left, `${name} starts on the screen`).toBeGreaterThanOrEqual(0);
        expect.soft(control.right, `${name} ends on the screen`).toBeLessThanOrEqual(control.screenWidth);
        expect.soft(control.enabled, `${name} is enabled`).toBe(true);
        expect.soft(control.tappable, `${name} is not covered by anything`).toBe(true);
        if (control.type === 'text') {
          expect.soft(control.width, `${name} is wide enough to type in`).toBeGreaterThanOrEqual(120);
          const field = page.locator(`[id="${control.id}"]`);
          await field.fill('4');
          await expect.soft(field, `${name} takes typing`).toHaveValue('4');
        }
      }
    }
  });
});

