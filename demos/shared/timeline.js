// @ts-check
// A timeline: one lane per thread, its spans and marks on one time axis, and a
// plain table of the same lanes for readers who do not see the drawing. Used
// by stages 3 and 4; it draws what it is given and measures nothing itself.
// (Past 250 lines: the drawing and its table read the same layout, so they stay together.)

/**
 * Times are milliseconds on one axis for every lane (e.g. timeOrigin + now()).
 * @typedef {{ start: number, end: number, kind: string, label?: string }} Span
 * @typedef {{ at: number, kind: string, label: string }} Mark
 * @typedef {{ label: string, spans: Span[], marks?: Mark[] }} Lane
 * @typedef {{ kind: string, label: string, tone?: string }} LegendEntry a kind's name on the page, and its colour:
 *   `start`, `wait`, `busy`, `idle`, `ok`, `fail` or `mark` (timeline.css), or the kind itself
 */

/**
 * A table's column: its heading, and each row's value (numbers are also kept
 * in `data-value`). Rows are lanes, or anything else shown in the same style.
 * @template T
 * @typedef {{ label: string, value: (row: T, index: number) => number | string, format?: (value: number) => string }} Column
 */

/** At most this many labelled times along the axis. */
const MAX_TICKS = 5;

/**
 * The step between axis labels: 1, 2 or 5 times a power of ten, so that at
 * most `maxTicks` + 1 labels fit in `range`.
 * @param {number} range @param {number} [maxTicks]
 */
export function tickStep(range, maxTicks = MAX_TICKS) {
  if (!(range > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(range / maxTicks));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => range / step <= maxTicks) ?? 10 * power;
}

/**
 * Where everything goes, in percent of the axis from `start` (0) to `end` (100);
 * times outside are clamped to the edges. Spans keep their times relative to
 * `start`, and every other span of a lane is marked `alt` so that neighbours
 * of one kind stay apart.
 * @param {{ lanes: Lane[], start: number, end: number }} timeline
 */
export function layoutTimeline({ lanes, start, end }) {
  const duration = Math.max(end - start, 0);
  /** @param {number} at */
  const percent = (at) => (duration > 0 ? Math.min(Math.max(((at - start) / duration) * 100, 0), 100) : 0);
  const step = tickStep(duration);
  const ticks = [];
  // Multiplied, not added up: a sum of 0.1s drifts.
  for (let i = 0; i * step <= duration + 1e-9; i++) {
    const ms = i * step;
    const left = percent(start + ms);
    ticks.push({ ms, left, align: left < 8 ? 'start' : left > 92 ? 'end' : 'middle', minor: false });
  }
  // On a narrow axis (a phone) every other label gives way, counting back from
  // the last, which carries the unit and is the widest; the first always stays.
  ticks.forEach((tick, index) => (tick.minor = index > 0 && (ticks.length - 1 - index) % 2 === 1));
  return {
    duration,
    ticks,
    lanes: lanes.map((lane) => ({
      label: lane.label,
      spans: lane.spans.map((span, index) => ({
        ...span,
        start: span.start - start,
        end: span.end - start,
        left: percent(span.start),
        width: percent(span.end) - percent(span.start),
        alt: index % 2 === 1,
      })),
      marks: (lane.marks ?? []).map((mark) => ({ ...mark, at: mark.at - start, left: percent(mark.at) })),
    })),
  };
}

/** Milliseconds covered by each kind of span in `lane`. @param {Lane} lane @returns {Record<string, number>} */
export function kindTotals(lane) {
  /** @type {Record<string, number>} */
  const totals = {};
  for (const { kind, start, end } of lane.spans) totals[kind] = (totals[kind] ?? 0) + Math.max(end - start, 0);
  return totals;
}

/** Milliseconds of [start, end] that no span of `lane` covers. @param {Lane} lane @param {number} start @param {number} end */
export function uncovered(lane, start, end) {
  const spans = lane.spans.map((span) => [Math.max(span.start, start), Math.min(span.end, end)]).toSorted((a, b) => a[0] - b[0]);
  let free = 0;
  let reached = start;
  for (const [from, to] of spans) {
    if (from > reached) free += from - reached;
    reached = Math.max(reached, to);
  }
  return free + Math.max(end - reached, 0);
}

/** The lane's last time: the end of its last span, or its last mark. @param {Lane} lane */
export function laneEnd(lane) {
  return Math.max(...lane.spans.map((span) => span.end), ...(lane.marks ?? []).map((mark) => mark.at), -Infinity);
}

/** @param {number} ms */
const formatMs = (ms) => `${ms.toLocaleString('en', { maximumFractionDigits: 1 })} ms`;

/**
 * The drawing in words, one sentence per lane: how long each kind of span
 * lasted, and how many marks of each kind there are.
 * @param {Lane[]} lanes @param {LegendEntry[]} [legend]
 */
export function describeTimeline(lanes, legend = []) {
  /** @param {string} kind */
  const name = (kind) => legend.find((entry) => entry.kind === kind)?.label ?? kind;
  return lanes
    .map((lane) => {
      const spans = Object.entries(kindTotals(lane)).map(([kind, ms]) => `${name(kind)} ${formatMs(ms)}`);
      const marks = Map.groupBy(lane.marks ?? [], (mark) => mark.kind);
      const counted = [...marks].map(([kind, all]) => `${all.length} × ${name(kind)}`);
      return `${lane.label}: ${[...spans, ...counted].join(', ') || 'nothing recorded'}.`;
    })
    .join(' ');
}

/**
 * The table's cells, one row per lane (or other row): each column's text and its plain value.
 * @template T
 * @param {T[]} rows @param {Column<T>[]} columns
 */
export function tableRows(rows, columns) {
  return rows.map((row, index) =>
    columns.map((column) => {
      const value = column.value(row, index);
      const text = typeof value === 'number' ? (column.format ?? ((n) => n.toLocaleString('en', { maximumFractionDigits: 1 })))(value) : value;
      return { value, text };
    }),
  );
}

/**
 * The lanes (or other rows) as a plain table, one row each; each number cell
 * also carries its value in `data-value`, for machines.
 * @template T
 * @param {T[]} rows @param {Column<T>[]} columns @param {string} [caption]
 */
export function timelineTable(rows, columns, caption) {
  const table = document.createElement('table');
  table.className = 'timeline-table';
  if (caption) table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = column.label;
    head.append(cell);
  }
  const body = table.createTBody();
  for (const cells of tableRows(rows, columns)) {
    const row = body.insertRow();
    cells.forEach(({ value, text }, index) => {
      // The first column names the lane: a row header for screen readers.
      const cell = document.createElement(index === 0 ? 'th' : 'td');
      if (index === 0) /** @type {HTMLTableCellElement} */ (cell).scope = 'row';
      if (typeof value === 'number') cell.dataset.value = String(value);
      cell.textContent = text;
      row.append(cell);
    });
  }
  return table;
}

/**
 * Draws `lanes` into `container`, replacing what was there: a figure with its
 * caption, a legend, one lane per thread and a time axis. The drawing is one
 * image to assistive technology, labelled with `describeTimeline`; put
 * `timelineTable` beside it for the same facts as a table.
 * @param {HTMLElement} container
 * @param {{ lanes: Lane[], start: number, end: number, caption: string, legend?: LegendEntry[] }} timeline
 */
export function drawTimeline(container, { lanes, start, end, caption, legend = [] }) {
  loadStyles();
  const layout = layoutTimeline({ lanes, start, end });
  /** @param {string} kind */
  const toneOf = (kind) => legend.find((entry) => entry.kind === kind)?.tone ?? kind;
  const figure = element('figure', 'timeline');
  figure.append(element('figcaption', 'timeline-caption', caption));

  // Only the kinds this drawing has: a legend of what is not there misleads.
  const drawn = new Set(lanes.flatMap((lane) => [...lane.spans, ...(lane.marks ?? [])].map((item) => item.kind)));
  const shown = legend.filter((entry) => drawn.has(entry.kind));
  if (shown.length > 0) {
    const list = element('ul', 'timeline-legend');
    list.setAttribute('aria-label', 'Legend');
    for (const entry of shown) {
      const swatch = element('span', 'timeline-swatch');
      swatch.dataset.tone = toneOf(entry.kind);
      const item = element('li', '', entry.label);
      item.prepend(swatch);
      list.append(item);
    }
    figure.append(list);
  }

  const drawing = element('div', 'timeline-drawing');
  drawing.setAttribute('role', 'img');
  drawing.setAttribute('aria-label', `${caption}. ${describeTimeline(lanes, legend)}`);
  for (const lane of layout.lanes) {
    const row = element('div', 'timeline-lane');
    row.append(element('span', 'timeline-label', lane.label));
    const track = element('div', 'timeline-track');
    for (const span of lane.spans) {
      const bar = place(element('span', 'timeline-span'), span.left, span.width);
      Object.assign(bar.dataset, { kind: span.kind, tone: toneOf(span.kind), start: String(span.start), end: String(span.end) });
      if (span.alt) bar.dataset.alt = '';
      bar.title = `${span.label ?? span.kind}: ${formatMs(span.start)} to ${formatMs(span.end)}`;
      track.append(bar);
    }
    for (const mark of lane.marks) {
      const dot = place(element('span', 'timeline-mark'), mark.left);
      Object.assign(dot.dataset, { kind: mark.kind, tone: toneOf(mark.kind), at: String(mark.at) });
      dot.title = `${mark.label} at ${formatMs(mark.at)}`;
      track.append(dot);
    }
    row.append(track);
    drawing.append(row);
  }
  const axis = element('div', 'timeline-axis');
  // The unit once, on the last label, so that the labels are short.
  layout.ticks.forEach((tick, index, ticks) => {
    const text = index === ticks.length - 1 ? formatMs(tick.ms) : tick.ms.toLocaleString('en');
    const label = place(element('span', 'timeline-tick', text), tick.left);
    label.dataset.align = tick.align;
    if (tick.minor) label.dataset.minor = '';
    axis.append(label);
  });
  drawing.append(axis);
  figure.append(drawing);
  container.replaceChildren(figure);
  return figure;
}

/**
 * @param {string} tag @param {string} className @param {string} [text]
 */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Positions `node` on the axis, in percent. @param {HTMLElement} node @param {number} left @param {number} [width] */
function place(node, left, width) {
  node.style.left = `${left}%`;
  if (width !== undefined) node.style.width = `${width}%`;
  return node;
}

/**
 * The timeline's styles (timeline.css, beside this file), linked once. Found
 * from this module's own URL, so they load under any base path, on a demo's
 * own page as inside the tutorial.
 */
function loadStyles() {
  const href = new URL(/* @vite-ignore */ './timeline.css', import.meta.url).href;
  if (document.querySelector(`link[href="${href}"]`)) return;
  document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
}
