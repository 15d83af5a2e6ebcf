// Stage 4's timeline as the page drew it (one lane per pool thread), the
// tint's legend, and what must hold of them: shared by tests/stage-4.spec.ts
// and tests/webkit/stage-4.test.ts.
import type { DrawnTimeline } from './stage-3-timeline';

/** The drawing and its table (stage 3's reader), where the render starts and ends on its axis, each job's rows, and the tint's counts. */
export type DrawnPool = DrawnTimeline & {
  renderStart: number;
  renderEnd: number;
  /** Per lane, each job span's rows [first, last], from its title ("rows 3–7: …"). */
  jobRows: [number, number][][];
  /** The tint legend's rows per thread, in thread order. */
  tinted: number[];
};

/**
 * Runs in the page (self-contained: it is serialised), after `readTimeline`
 * (passed in as its result): adds what only stage 4's drawing has.
 */
export function readPoolExtras(css: string) {
  const root = document.querySelector<HTMLElement>(css)!;
  const lanes = root.querySelector<HTMLElement>('[data-lanes]')!;
  const jobRows = [...lanes.querySelectorAll('.timeline-lane')].map((lane) =>
    [...lane.querySelectorAll<HTMLElement>('.timeline-span[data-kind="job"]')].map((span) => {
      const [first, last] = (/^rows (\d+)–(\d+):/.exec(span.title) ?? []).slice(1).map(Number);
      return [first, last] as [number, number];
    }),
  );
  const tinted = [...root.querySelectorAll<HTMLElement>('[data-tint-legend] li')].map((item) => Number(item.dataset.rows));
  return { renderStart: Number(lanes.dataset.renderStart), renderEnd: Number(lanes.dataset.renderEnd), jobRows, tinted };
}

/**
 * How far apart two threads' clocks may put one instant. Each thread's
 * `timeOrigin + now()` is coarsened by its own timer (tens of microseconds at
 * most on an isolated page) and rounded to a double (0.24 µs at today's epoch
 * in ms), so the last job may seem to end a little after the render that
 * waited for it: one Firefox run put it 1 rounding step (0.000244 ms) after.
 */
const ACROSS_THREADS_MS = 0.05;

/**
 * Everything wrong with a render's timeline on `threads` threads of an image
 * `height` rows tall: one lane per thread; in each, start-up (if any) before
 * the jobs, the jobs in order, apart and inside the render; every row in
 * exactly one job; a table row per lane that says what the lane shows; the
 * tint's counts equal to the table's. Empty when all is well.
 */
export function poolTimelineProblems(drawn: DrawnPool, threads: number, height: number) {
  const { lanes, rows, renderStart, renderEnd, jobRows, tinted } = drawn;
  const problems: string[] = [];
  const labels = lanes.map((lane) => lane.label).join();
  const expected = Array.from({ length: threads }, (_, index) => `thread-${index}`).join();
  if (labels !== expected) problems.push(`lanes ${labels} instead of ${expected}`);
  if (!(renderEnd > renderStart)) problems.push(`a render from ${renderStart} to ${renderEnd}`);
  const near = (a: number, b: number, within = 1e-6) => Math.abs(a - b) < within;
  const owner = new Array<number | undefined>(height);
  lanes.forEach((lane, index) => {
    const name = lane.label;
    const jobs = lane.spans.filter((span) => span.kind === 'job');
    const startUp = lane.spans.filter((span) => span.kind === 'start-up');
    // The render's start and end are the owner's clock, the jobs their thread's.
    let reached = renderStart - ACROSS_THREADS_MS;
    for (const job of jobs) {
      if (job.start < reached || job.end < job.start || job.end > renderEnd + ACROSS_THREADS_MS) problems.push(`${name}: a job from ${job.start} to ${job.end} out of order or outside the render (${renderStart} to ${renderEnd})`);
      reached = job.end;
    }
    if (startUp.some((span) => jobs.length > 0 && span.end > jobs[0].start)) problems.push(`${name}: start-up ends after its first job begins`);
    for (const [first, last] of jobRows[index] ?? []) {
      for (let y = first; y <= last; y++) {
        if (owner[y] !== undefined) problems.push(`row ${y} in a job of thread-${owner[y]} and of ${name}`);
        owner[y] = index;
      }
    }
    const total = (spans: { start: number; end: number }[]) => spans.reduce((sum, span) => sum + span.end - span.start, 0);
    const [label, startUpMs, busy, idle, count, rowCount, lastEnd] = rows[index] ?? [];
    const rowsDrawn = (jobRows[index] ?? []).reduce((sum, [first, last]) => sum + last - first + 1, 0);
    if (label !== name) problems.push(`row ${index} is ${label}, its lane ${name}`);
    if (!near(Number(startUpMs), total(startUp))) problems.push(`${name}: start-up ${startUpMs} in the table, ${total(startUp)} drawn`);
    if (!near(Number(busy), total(jobs))) problems.push(`${name}: busy ${busy} in the table, ${total(jobs)} drawn`);
    // Jobs lie inside the render and apart: busy and idle fill it.
    if (!near(Number(busy) + Number(idle), renderEnd - renderStart, ACROSS_THREADS_MS)) problems.push(`${name}: ${busy} + ${idle} ms is not the render's ${renderEnd - renderStart} ms`);
    if (count !== jobs.length) problems.push(`${name}: ${count} jobs in the table, ${jobs.length} drawn`);
    if (rowCount !== rowsDrawn) problems.push(`${name}: ${rowCount} rows in the table, ${rowsDrawn} drawn`);
    if (tinted[index] !== rowCount) problems.push(`${name}: ${tinted[index]} rows tinted, ${rowCount} in the table`);
    const lastDrawn = jobs.length > 0 ? jobs.at(-1)!.end - renderStart : 'no job';
    if (typeof lastDrawn === 'number' ? !near(Number(lastEnd), lastDrawn) : lastEnd !== lastDrawn) problems.push(`${name}: last end ${lastEnd} in the table, ${lastDrawn} drawn`);
  });
  const missing = [...owner.keys()].filter((y) => owner[y] === undefined);
  if (missing.length > 0) problems.push(`rows in no job: ${missing.slice(0, 5).join()}…`);
  const sum = rows.reduce((total, row) => total + Number(row[5]), 0);
  if (sum !== height) problems.push(`rows per thread sum to ${sum}, not ${height}`);
  if (tinted.length !== lanes.length) problems.push(`${tinted.length} tint counts for ${lanes.length} lanes`);
  if (rows.length !== lanes.length) problems.push(`${rows.length} table rows for ${lanes.length} lanes`);
  return problems;
}
