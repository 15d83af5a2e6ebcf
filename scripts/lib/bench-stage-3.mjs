// Stage 3's part of `npm run bench`, in Chromium and Firefox, median of 5,
// each run clicked on the demo's own page as a reader would:
//
//   - each way of counting at 1 and 2 workers: the time to done, and the
//     throughput while counting (every worker's increments over the span from
//     the first worker's start line to the last one's end, from the timeline);
//     one cache line per worker should scale, one line shared should not;
//   - how many of 10 runs at 2 workers on one shared line lose updates;
//   - the cost of recording the timeline: the time to done with recording on
//     and off, runs taking turns so that a machine that slows down weighs on both,
//     counted on own lines: on one shared line, contention alone moves a run's
//     time by more than a tenth from one run to the next, which would hide a cost
//     of a few per cent.
//
//   node scripts/lib/bench-stage-3.mjs [port]   (alone, on an already built dist/)
import { pathToFileURL } from 'node:url';
import { chromium, firefox } from '@playwright/test';
import { median } from '../../demos/shared/timing.js';
import { launchSettings } from './browsers.mjs';
import { readConstants } from './stage-constants.mjs';
import { startSiteServer } from './processes.mjs';

const REPEATS = 5;
const WORKER_COUNTS = [1, 2];
/** Recording's cost is small, so it gets more runs: on and off, in turn. */
const COST_REPEATS = 25;
const COST_COUNTING = 'own-line';
/** Runs at 2 workers on one shared line, to count how many lose updates. */
const RACE_RUNS = 10;

/** @param {number} port where dist/ is served with netlify.toml's headers */
export async function benchStage3(port) {
  const { countings } = readConstants('03-shared-memory');
  if (!countings.includes(COST_COUNTING)) throw new Error(`stage 3 no longer counts "${COST_COUNTING}": update COST_COUNTING`);
  const columns = countings.flatMap((/** @type {string} */ counting) => WORKER_COUNTS.map((n) => `${counting} n=${n}`));
  console.log(`\nStage 3, median of ${REPEATS} runs: ms to done / million increments per second while counting`);
  console.log(`browser    ${columns.map((column) => column.padStart(19)).join('')}`);
  /** @type {string[]} */
  const costs = [];
  /** @type {string[]} */
  const races = [];
  for (const [name, type] of /** @type {const} */ ([['chromium', chromium], ['firefox', firefox]])) {
    const { channel, launchOptions } = launchSettings(name);
    const browser = await type.launch({ channel, ...launchOptions });
    const page = await browser.newPage();
    await page.goto(`http://localhost:${port}/demos/03-shared-memory/`);
    await page.locator('#shared-memory-demo button[type="submit"]:enabled').waitFor();
    const cells = [];
    for (const counting of countings) {
      for (const workers of WORKER_COUNTS) {
        const runs = [];
        for (let i = 0; i < REPEATS; i++) runs.push(await page.evaluate(measureOneRun, { workers, counting, record: true }));
        const rate = median(runs.map((run) => run.increments / run.countingMs / 1000));
        cells.push(`${median(runs.map((run) => run.ms)).toFixed(0)} / ${rate.toFixed(0)}`.padStart(19));
      }
    }
    console.log(`${name.padEnd(11)}${cells.join('')}`);
    // Stage 3's lesson needs the race to show at 2 workers: how often it does.
    const raced = [];
    // The first way (one shared line) is the one with a racy total.
    for (let i = 0; i < RACE_RUNS; i++) raced.push(await page.evaluate(measureOneRun, { workers: 2, counting: countings[0], record: true }));
    const losing = raced.filter((run) => run.lost > 0);
    races.push(`${name.padEnd(11)}${`${losing.length} of ${RACE_RUNS}`.padStart(9)}   ${raced.map((run) => run.lost.toLocaleString('en')).join(', ')}`);
    const on = [];
    const off = [];
    for (let i = 0; i < COST_REPEATS; i++) {
      for (const record of [true, false]) {
        const { ms } = await page.evaluate(measureOneRun, { workers: 2, counting: COST_COUNTING, record });
        (record ? on : off).push(ms);
      }
    }
    // Each run against the one just before it, so that a drift weighs on both;
    // and, for scale, how much one run without recording differs from the next.
    const cost = median(on.map((ms, i) => (ms - off[i]) / off[i]));
    const noise = median(off.slice(1).map((ms, i) => Math.abs(ms - off[i]) / off[i]));
    const percent = (/** @type {number} */ share) => `${(share * 100).toFixed(1)}%`.padStart(8);
    costs.push(`${name.padEnd(11)}${median(on).toFixed(0).padStart(8)}${median(off).toFixed(0).padStart(8)}${percent(cost)}${percent(noise)}`);
    await browser.close();
  }
  console.log(`\nStage 3, the racy total at 2 workers on one shared line: runs that lost updates, and how many each lost`);
  for (const line of races) console.log(line);
  console.log(`\nStage 3, recording the timeline: ms to done at 2 workers, ${COST_COUNTING}, median of ${COST_REPEATS} each, on and off in turn`);
  console.log('cost: the median of each run with recording against the run without it just after; noise: of one run without it against the next');
  console.log(`browser          on     off    cost   noise`);
  for (const line of costs) console.log(line);
}

/**
 * Runs in the page: one run with these settings, clicked as a reader would.
 * Resolves with the run's time (the page's Elapsed) and, when it recorded,
 * the counting span of its timeline.
 * @param {{ workers: number, counting: string, record: boolean }} settings
 */
function measureOneRun({ workers, counting, record }) {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('shared-memory-demo'));
  const status = /** @type {HTMLElement} */ (form.querySelector('[data-status]'));
  /** @type {HTMLInputElement} */ (form.querySelector('input[name="count"]')).value = String(workers);
  /** @type {HTMLInputElement} */ (form.querySelector(`input[name="counting"][value="${counting}"]`)).checked = true;
  /** @type {HTMLInputElement} */ (form.querySelector('input[name="record"]')).checked = record;
  const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
  return new Promise((resolve, reject) => {
    // Done once the status says so and Run is free again for the next run.
    const observer = new MutationObserver(() => {
      if (status.dataset.state === 'failed') {
        observer.disconnect();
        reject(new Error(status.textContent ?? 'failed'));
      }
      if (status.dataset.state !== 'done' || button.hasAttribute('aria-disabled')) return;
      observer.disconnect();
      const spans = [...form.querySelectorAll('[data-lanes] .timeline-span[data-kind="counting"]')].map((span) => /** @type {HTMLElement} */ (span).dataset);
      const countingMs = Math.max(...spans.map((span) => Number(span.end))) - Math.min(...spans.map((span) => Number(span.start)));
      const ms = Number(/** @type {HTMLElement} */ (form.querySelector('[data-elapsed]')).dataset.value);
      const value = (/** @type {string} */ name) => Number(/** @type {HTMLElement} */ (form.querySelector(`[data-${name}]`)).dataset.value);
      const increments = value('expected-total');
      const racy = /** @type {HTMLElement} */ (form.querySelector('.total.racy'));
      resolve({ ms, countingMs, increments, lost: racy.hidden ? 0 : increments - value('racy-total') });
    });
    observer.observe(form, { subtree: true, childList: true, attributes: true, characterData: true });
    button.click();
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? 4332);
  const stopServer = await startSiteServer(port);
  try {
    await benchStage3(port);
  } finally {
    await stopServer();
  }
}
