// @ts-check
// Stage 4's timeline: each pool thread's Rayon jobs, as the thread wrote them
// into the shared memory during the render, turned into one lane per thread
// and drawn with demos/shared/timeline.js.
import { drawTimeline, kindTotals, timelineTable, uncovered } from '../shared/timeline.js';

/** @typedef {import('./messages').PoolTimeline} PoolTimeline */
/** @typedef {import('../shared/timeline.js').Lane} Lane */

/** The kinds of span a lane has, as the legend names them. */
const LEGEND = [
  { kind: 'start-up', label: 'start-up (this render made the pool)', tone: 'start' },
  { kind: 'job', label: 'a Rayon job (its rows)', tone: 'busy' },
];

/**
 * One lane per thread: when this render made the pool, start-up from the
 * pool's creation until the thread began to run; then each job it ran.
 * @param {PoolTimeline} timeline @returns {Lane[]}
 */
export function lanesOf(timeline) {
  return timeline.lanes.map((lane, index) => {
    const spans = [];
    if (timeline.newPool && lane.started !== undefined) spans.push({ start: timeline.createdAt, end: lane.started, kind: 'start-up' });
    for (const { begun, ended, firstRow, rows } of lane.jobs) {
      spans.push({ start: begun, end: ended, kind: 'job', label: `rows ${firstRow}–${firstRow + rows - 1}` });
    }
    return { label: `thread-${index}`, spans };
  });
}

/** Where the drawing starts: at the pool's creation if this render made it, else at the render's start. @param {PoolTimeline} timeline */
export const axisStart = (timeline) => (timeline.newPool ? timeline.createdAt : timeline.start);

/** Each thread's last job's end, in ms from the render's start, or undefined if it ran none. @param {PoolTimeline} timeline */
export const lastEnds = (timeline) =>
  timeline.lanes.map(({ jobs }) => (jobs.length > 0 ? Math.max(...jobs.map((job) => job.ended)) - timeline.start : undefined));

/**
 * Load imbalance: the last thread's end minus the first thread's end (among
 * the threads that ran a job), in ms and as a share of the render.
 * @param {PoolTimeline} timeline
 */
export function imbalance(timeline) {
  const ends = lastEnds(timeline).filter((end) => end !== undefined);
  const ms = ends.length > 0 ? Math.max(...ends) - Math.min(...ends) : 0;
  const duration = timeline.end - timeline.start;
  return { ms, share: duration > 0 ? ms / duration : 0 };
}

/**
 * The table's columns. Start-up counts only when this render made the pool;
 * busy is the jobs' time, idle the render's time that no job covers.
 * @param {PoolTimeline} timeline
 * @returns {import('../shared/timeline.js').Column<Lane>[]}
 */
const columns = (timeline) => [
  { label: 'Thread', value: (lane) => lane.label },
  { label: 'Start-up', value: (lane) => kindTotals(lane)['start-up'] ?? 0 },
  { label: 'Busy', value: (lane) => kindTotals(lane).job ?? 0 },
  { label: 'Idle', value: (lane) => uncovered({ ...lane, spans: lane.spans.filter((span) => span.kind === 'job') }, timeline.start, timeline.end) },
  { label: 'Jobs', value: (_, index) => timeline.lanes[index].jobs.length },
  { label: 'Rows', value: (_, index) => timeline.lanes[index].jobs.reduce((sum, job) => sum + job.rows, 0) },
  { label: 'Last end', value: (_, index) => lastEnds(timeline)[index] ?? 'no job' },
];

/**
 * Draws the render's timeline, a sentence on its imbalance, and the table into `container`.
 * @param {HTMLElement} container @param {PoolTimeline} timeline
 */
export function showLanes(container, timeline) {
  const lanes = lanesOf(timeline);
  const start = axisStart(timeline);
  // For machines, as the drawing's spans carry their times: where the render starts and ends on the drawing's axis.
  Object.assign(container.dataset, { renderStart: String(timeline.start - start), renderEnd: String(timeline.end - start) });
  const drawing = document.createElement('div');
  const caption = timeline.newPool ? 'Each pool thread, from the pool’s creation to the render’s end' : 'Each pool thread, during the render';
  drawTimeline(drawing, { lanes, start, end: timeline.end, caption, legend: LEGEND });
  const { ms, share } = imbalance(timeline);
  const summary = Object.assign(document.createElement('p'), {
    className: 'hint',
    textContent: `The first thread ran out of work ${ms.toFixed(1)} ms before the last one: ${(share * 100).toFixed(0)}% of the render.`,
  });
  summary.dataset.imbalance = String(share);
  const table = timelineTable(lanes, columns(timeline), 'The same, as a table: ms (last end from the render’s start), jobs and rows');
  // Scrolls sideways rather than widen the page, should a narrow screen need it.
  const scroller = Object.assign(document.createElement('div'), { className: 'thread-pool-lanes-scroller', tabIndex: 0 });
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', 'Each thread’s timeline, as a table');
  scroller.append(table);
  container.replaceChildren(drawing, summary, scroller);
}
