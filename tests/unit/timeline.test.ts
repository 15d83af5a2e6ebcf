// demos/shared/timeline.js: where the timeline puts each span, and the table's agreement with it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeTimeline, kindTotals, laneEnd, layoutTimeline, tableRows, tickStep, uncovered } from '../../demos/shared/timeline.js';

// Two threads on one absolute axis (as timeOrigin + now() gives it): the run is 1000 to 1200.
const lanes = [
  {
    label: 'worker-0',
    spans: [
      { start: 1000, end: 1010, kind: 'start-up' },
      { start: 1010, end: 1150, kind: 'counting' },
    ],
    marks: [{ at: 1150, kind: 'done', label: 'done' }],
  },
  {
    label: 'worker-1',
    spans: [
      { start: 1020, end: 1040, kind: 'start-up' },
      { start: 1040, end: 1060, kind: 'counting' },
      { start: 1100, end: 1200, kind: 'counting' },
    ],
    marks: [
      { at: 1050, kind: 'sample', label: 'a sample' },
      { at: 1120, kind: 'sample', label: 'a sample' },
    ],
  },
];

test('the run start is at 0 % and its end at 100 %; every span keeps its times relative to the start', () => {
  const layout = layoutTimeline({ lanes, start: 1000, end: 1200 });
  assert.equal(layout.duration, 200);
  const [first, second] = layout.lanes;
  assert.deepEqual(
    first.spans.map(({ left, width, start, end }) => ({ left, width, start, end })),
    [
      { left: 0, width: 5, start: 0, end: 10 },
      { left: 5, width: 70, start: 10, end: 150 },
    ],
  );
  assert.equal(second.spans[2].left + second.spans[2].width, 100);
  assert.deepEqual(
    second.marks.map(({ left, at }) => [left, at]),
    [
      [25, 50],
      [60, 120],
    ],
  );
});

test('what lies outside the run is clamped to its edges, and a run of no length does not divide by zero', () => {
  const [lane] = layoutTimeline({ lanes: [{ label: 'x', spans: [{ start: 900, end: 1300, kind: 'busy' }] }], start: 1000, end: 1200 }).lanes;
  assert.deepEqual([lane.spans[0].left, lane.spans[0].width], [0, 100]);
  const still = layoutTimeline({ lanes, start: 1000, end: 1000 });
  assert.ok(still.lanes.flatMap((l) => l.spans).every((span) => span.left === 0 && span.width === 0));
  assert.deepEqual(still.ticks.map((tick) => tick.ms), [0]);
});

test('every other span of a lane is marked, so that neighbours of one kind stay apart', () => {
  const [, second] = layoutTimeline({ lanes, start: 1000, end: 1200 }).lanes;
  assert.deepEqual(second.spans.map((span) => span.alt), [false, true, false]);
});

test('axis labels step by 1, 2 or 5 times a power of ten, at most five steps, the edge ones kept inside', () => {
  assert.equal(tickStep(200), 50);
  assert.equal(tickStep(1000), 200);
  assert.equal(tickStep(7), 2);
  assert.equal(tickStep(0.3), 0.1);
  assert.equal(tickStep(0), 1);
  const ticks = layoutTimeline({ lanes, start: 1000, end: 1200 }).ticks;
  assert.deepEqual(ticks.map((tick) => tick.ms), [0, 50, 100, 150, 200]);
  assert.deepEqual(ticks.map((tick) => tick.align), ['start', 'middle', 'middle', 'middle', 'end']);
});

test('on a narrow axis every other label gives way, counting back from the last; the first always stays', () => {
  const minor = (end: number) => layoutTimeline({ lanes, start: 0, end }).ticks.map((tick) => tick.minor);
  assert.deepEqual(minor(200), [false, true, false, true, false]);
  assert.deepEqual(minor(150), [false, false, true, false]);
  assert.deepEqual(minor(100), [false, false, true, false, true, false]);
});

test('a lane adds up its time by kind, the time no span covers, and its last moment', () => {
  assert.deepEqual(kindTotals(lanes[1]), { 'start-up': 20, counting: 120 });
  assert.equal(uncovered(lanes[1], 1000, 1200), 20 + 40);
  // Overlapping spans are covered once.
  assert.equal(uncovered({ label: 'x', spans: [{ start: 0, end: 6, kind: 'a' }, { start: 4, end: 8, kind: 'b' }] }, 0, 10), 2);
  assert.equal(laneEnd(lanes[0]), 1150);
  assert.equal(laneEnd({ label: 'x', spans: [], marks: [{ at: 5, kind: 'done', label: 'done' }] }), 5);
});

test('the table has one row per lane of the drawing, with the values the drawing is made of', () => {
  const start = 1000;
  const rows = tableRows(lanes, [
    { label: 'Thread', value: (lane) => lane.label },
    { label: 'Counting ms', value: (lane) => kindTotals(lane).counting },
    { label: 'Last end ms', value: (lane) => laneEnd(lane) - start, format: (ms) => `${ms} ms` },
  ]);
  const layout = layoutTimeline({ lanes, start, end: 1200 });
  assert.equal(rows.length, layout.lanes.length);
  rows.forEach((row, index) => {
    const drawn = layout.lanes[index];
    assert.equal(row[0].value, drawn.label);
    const drawnCounting = drawn.spans.filter((span) => span.kind === 'counting').reduce((sum, span) => sum + span.end - span.start, 0);
    assert.equal(row[1].value, drawnCounting);
    assert.equal(row[2].value, Math.max(...drawn.spans.map((span) => span.end), ...drawn.marks.map((mark) => mark.at)));
  });
  assert.deepEqual(rows[0].map((cell) => cell.text), ['worker-0', '140', '150 ms']);
});

test('the text alternative says, lane by lane, how long each kind lasted and how many marks there are', () => {
  const legend = [{ kind: 'start-up', label: 'start-up' }, { kind: 'sample', label: 'progress sample' }];
  assert.equal(
    describeTimeline(lanes, legend),
    'worker-0: start-up 10 ms, counting 140 ms, 1 × done. worker-1: start-up 20 ms, counting 120 ms, 2 × progress sample.',
  );
  assert.equal(describeTimeline([{ label: 'idle', spans: [] }]), 'idle: nothing recorded.');
});
