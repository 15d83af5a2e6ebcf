// demos/04-thread-pool/lanes.js, tint.js and changes.js: a pool's timeline as
// lanes and a table's numbers, who drew which row, and what changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeChange } from '../../demos/04-thread-pool/changes.js';
import { axisStart, imbalance, lanesOf, lastEnds } from '../../demos/04-thread-pool/lanes.js';
import { rowThreads, threadColour } from '../../demos/04-thread-pool/tint.js';
import type { PoolTimeline } from '../../demos/04-thread-pool/messages';

// Two threads on the shared axis: the pool made at 900, the render from 1000 to 1100, 10 rows.
const timeline: PoolTimeline = {
  createdAt: 900,
  start: 1000,
  end: 1100,
  newPool: true,
  lanes: [
    {
      started: 950,
      jobs: [
        { begun: 1000, ended: 1040, firstRow: 0, rows: 4 },
        { begun: 1040, ended: 1100, firstRow: 8, rows: 2 },
      ],
    },
    { started: 960, jobs: [{ begun: 1001, ended: 1060, firstRow: 4, rows: 4 }] },
  ],
};

test('a new pool’s lanes start with each thread’s start-up, from the pool’s creation, then its jobs with their rows', () => {
  const [first, second] = lanesOf(timeline);
  assert.equal(first.label, 'thread-0');
  assert.deepEqual(first.spans, [
    { start: 900, end: 950, kind: 'start-up' },
    { start: 1000, end: 1040, kind: 'job', label: 'rows 0–3' },
    { start: 1040, end: 1100, kind: 'job', label: 'rows 8–9' },
  ]);
  assert.deepEqual(second.spans[0], { start: 900, end: 960, kind: 'start-up' });
  assert.equal(axisStart(timeline), 900);
});

test('a pool kept from the render before has no start-up, and its axis starts with the render', () => {
  const kept = { ...timeline, newPool: false };
  assert.ok(lanesOf(kept).every((lane) => lane.spans.every((span) => span.kind === 'job')));
  assert.equal(axisStart(kept), 1000);
});

test('imbalance is the last thread’s end minus the first thread’s, as a share of the render; a thread with no job does not count', () => {
  assert.deepEqual(lastEnds(timeline), [100, 60]);
  assert.deepEqual(imbalance(timeline), { ms: 40, share: 0.4 });
  const idle = { ...timeline, lanes: [...timeline.lanes, { started: 970, jobs: [] }] };
  assert.deepEqual(lastEnds(idle), [100, 60, undefined]);
  assert.deepEqual(imbalance(idle), { ms: 40, share: 0.4 });
});

test('each row belongs to the thread whose job covered it, and the counts are each thread’s rows', () => {
  const { owners, counts } = rowThreads(timeline, 11);
  assert.deepEqual([...owners], [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, -1]);
  assert.deepEqual(counts, [6, 4]);
});

test('threads get different colours', () => {
  const colours = Array.from({ length: 16 }, (_, index) => threadColour(index, 16));
  assert.equal(new Set(colours).size, 16);
});

test('the change says which settings differ, and says so when none does', () => {
  const before = { threads: 2, split: 'rows', minLen: 32, view: 'whole', width: 96, height: 64, iterations: 200 };
  type Rendered = Parameters<typeof describeChange>[1];
  const now = { ...before, split: 'bands', view: 'off-centre' } as Rendered;
  assert.equal(describeChange(undefined, now), 'first render');
  assert.equal(describeChange(before as Rendered, now), 'split rows → bands, view whole → off-centre');
  assert.equal(describeChange(now, now), 'nothing: the same settings again');
});
