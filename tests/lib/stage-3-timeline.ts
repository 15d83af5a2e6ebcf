// Stage 3's timeline as the page drew it, and what must hold of it: shared
// by tests/stage-3.spec.ts and tests/webkit/stage-3.test.ts.

/** One lane as drawn: its label, spans and marks, times in ms from the run's start. */
export type DrawnLane = {
  label: string;
  spans: { kind: string; start: number; end: number }[];
  marks: { kind: string; at: number; label: string }[];
};
/** What `readTimeline` returns: the drawing, its table's values, the run's length. */
export type DrawnTimeline = { duration: number; lanes: DrawnLane[]; rows: (number | string)[][] };

/**
 * Runs in the page (self-contained: it is serialised): reads the timeline the
 * demo drew and the table beside it, from their data attributes.
 */
export function readTimeline(css: string): DrawnTimeline {
  const root = document.querySelector<HTMLElement>(css)!;
  const lanes = [...root.querySelectorAll<HTMLElement>('.timeline-lane')].map((lane) => ({
    label: lane.querySelector('.timeline-label')?.textContent ?? '',
    spans: [...lane.querySelectorAll<HTMLElement>('.timeline-span')].map((span) => ({
      kind: span.dataset.kind ?? '',
      start: Number(span.dataset.start),
      end: Number(span.dataset.end),
    })),
    marks: [...lane.querySelectorAll<HTMLElement>('.timeline-mark')].map((mark) => ({
      kind: mark.dataset.kind ?? '',
      at: Number(mark.dataset.at),
      label: mark.title,
    })),
  }));
  const rows = [...root.querySelectorAll('.timeline-table tbody tr')].map((row) =>
    [...row.children].map((cell) => ((cell as HTMLElement).dataset.value === undefined ? cell.textContent ?? '' : Number((cell as HTMLElement).dataset.value))),
  );
  return { duration: Number(root.dataset.duration), lanes, rows };
}

/** Phases in the order a worker goes through them. */
const PHASES = ['start-up', 'start-line', 'counting'];

/**
 * Everything wrong with a finished run's timeline of `workers` workers that
 * all counted (or, with `failed`, of which that one failed): one lane per
 * worker, each one's events in order and inside the run, and a table row per
 * lane that says what the lane shows. Empty when all is well.
 */
export function timelineProblems({ duration, lanes, rows }: DrawnTimeline, workers: number, failed?: number) {
  const problems: string[] = [];
  const labels = lanes.map((lane) => lane.label);
  const expected = Array.from({ length: workers }, (_, index) => `worker-${index}`);
  if (labels.join() !== expected.join()) problems.push(`lanes ${labels.join()} instead of ${expected.join()}`);
  if (!(duration > 0)) problems.push(`a run of ${duration} ms`);
  // Times are rounded by nothing but floating point between the drawing and the table.
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
  lanes.forEach((lane, index) => {
    const name = lane.label;
    const kinds = lane.spans.map((span) => span.kind);
    if (kinds.join() !== PHASES.join()) problems.push(`${name}: spans ${kinds.join()}`);
    const times = [...lane.spans.flatMap((span) => [span.start, span.end])];
    if (times.some((time, i) => i > 0 && time < times[i - 1])) problems.push(`${name}: spans out of order ${times.join(' ')}`);
    if (times[0] !== 0 || times.at(-1)! > duration) problems.push(`${name}: spans outside the run (0 to ${duration}): ${times.join(' ')}`);
    const counting = lane.spans.find((span) => span.kind === 'counting');
    const samples = lane.marks.filter((mark) => mark.kind === 'sample');
    const end = lane.marks.filter((mark) => mark.kind !== 'sample');
    const ending = index === failed ? 'failed' : 'done';
    if (end.length !== 1 || end[0].kind !== ending) problems.push(`${name}: ends ${end.map((mark) => mark.kind).join() || 'never'}, not ${ending}`);
    else if (!counting || !near(end[0].at, counting.end)) problems.push(`${name}: its ${ending} mark is not where counting ends`);
    // A worker that failed did so at the start line: it took no samples.
    if (index !== failed) {
      const counted = samples.map((mark) => Number(mark.label.split(' ')[0].replaceAll(',', '')));
      if (samples.length === 0 || counted.some((value, i) => i > 0 && value <= counted[i - 1])) problems.push(`${name}: samples ${counted.join()}`);
      if (counting && samples.some((mark) => mark.at < counting.start || mark.at > counting.end)) problems.push(`${name}: a sample outside counting`);
    }
    const row = rows[index] ?? [];
    const total = (kind: string) => lane.spans.filter((span) => span.kind === kind).reduce((sum, span) => sum + span.end - span.start, 0);
    const [label, startUp, busy, idle, lastEnd] = row;
    const lastDrawn = Math.max(...lane.spans.map((span) => span.end), ...lane.marks.map((mark) => mark.at));
    if (label !== name) problems.push(`row ${index} is ${label}, its lane ${name}`);
    if (!near(Number(startUp), total('start-up'))) problems.push(`${name}: start-up ${startUp} in the table, ${total('start-up')} drawn`);
    if (!near(Number(busy), total('counting'))) problems.push(`${name}: busy ${busy} in the table, ${total('counting')} drawn`);
    if (!near(Number(lastEnd), lastDrawn)) problems.push(`${name}: last end ${lastEnd} in the table, ${lastDrawn} drawn`);
    // Start-up, busy and idle (the start line, and any time no span covers) fill the run.
    if (!near(Number(startUp) + Number(busy) + Number(idle), duration)) problems.push(`${name}: ${startUp} + ${busy} + ${idle} ms is not the run's ${duration} ms`);
  });
  if (rows.length !== lanes.length) problems.push(`${rows.length} table rows for ${lanes.length} lanes`);
  return problems;
}
