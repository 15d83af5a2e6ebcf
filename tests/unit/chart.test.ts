// demos/04-thread-pool/chart.js: where the speedup chart puts N and S.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartScale } from '../../demos/04-thread-pool/chart.js';

test('N = 1 sits on the left axis and the largest N on the right edge of the plot', () => {
  const { x } = chartScale([1, 1.9], 4);
  assert.equal(x(1), 36);
  assert.equal(x(4), 320 - 12);
});

test('S = 0 sits on the bottom axis, and the top of the scale fits both the ideal and every measured S', () => {
  const { y, top } = chartScale([1, 2.6], 2);
  assert.equal(y(0), 240 - 40);
  assert.equal(top, 3); // the measured 2.6 is above the ideal S(2) = 2
  assert.equal(chartScale([1, 1.5], 4).top, 4);
});

test('one core still gets an axis from 1 to 2, so nothing divides by zero', () => {
  const { lastN, x } = chartScale([1], 1);
  assert.equal(lastN, 2);
  assert.ok(Number.isFinite(x(1)));
});

test('past 8 threads every other N and every other S are labelled', () => {
  assert.deepEqual(chartScale([1], 8).nTicks, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(chartScale([1], 12).nTicks, [1, 3, 5, 7, 9, 11]);
  assert.deepEqual(chartScale([1], 12).sTicks, [0, 2, 4, 6, 8, 10, 12]);
});
