// demos/04-thread-pool/measure.js: the Measure loop, with a stand-in render.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MEASURE_REPEATS, measure, speedups } from '../../demos/04-thread-pool/measure.js';

const quiet = { onRender: () => {}, onCount: () => {} };

test('every thread count from 1 to the cap is rendered MEASURE_REPEATS times, in order', async () => {
  const asked: number[] = [];
  const result = await measure({ cap: 3, control: { cancelled: false }, render: async (n) => (asked.push(n), 100 / n), ...quiet });
  assert.equal(result.outcome, 'done');
  assert.deepEqual(asked, [1, 2, 3].flatMap((n) => Array(MEASURE_REPEATS).fill(n)));
  assert.deepEqual(speedups(result.times).speedups, [1, 2, 3]);
});

test('Cancel stops after the render in progress, and an unfinished count is not kept', async () => {
  const control = { cancelled: false };
  let renders = 0;
  const result = await measure({
    cap: 4,
    control,
    render: async () => {
      renders += 1;
      if (renders === MEASURE_REPEATS + 1) control.cancelled = true; // during thread count 2's first render
      return 10;
    },
    ...quiet,
  });
  assert.equal(result.outcome, 'cancelled');
  assert.equal(renders, MEASURE_REPEATS + 1);
  assert.equal(result.times.length, 1);
});

test('a failed render stops the measurement and says so', async () => {
  const result = await measure({ cap: 2, control: { cancelled: false }, render: async (n) => (n === 2 ? undefined : 5), ...quiet });
  assert.equal(result.outcome, 'failed');
  assert.equal(result.times.length, 1);
});
