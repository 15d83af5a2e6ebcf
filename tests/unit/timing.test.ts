// demos/shared/timing.js: a wait with a way out, and the median the demos report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, withTimeout } from '../../demos/shared/timing.js';

test('the median of an odd count is the middle value, of an even count the upper middle one', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([40, 10, 30, 20]), 30);
  assert.equal(median([7]), 7);
});

test('the median leaves its input in its order', () => {
  const values = [3, 1, 2];
  median(values);
  assert.deepEqual(values, [3, 1, 2]);
});

test('the median of nothing is refused, not NaN', () => {
  assert.throws(() => median([]), RangeError);
});

test('withTimeout gives the value of a promise that settles in time', async () => {
  assert.equal(await withTimeout(Promise.resolve(42), 1_000, new Error('late')), 42);
});

test('withTimeout rejects with its error once the time is up', async () => {
  const never = new Promise<never>(() => {});
  await assert.rejects(withTimeout(never, 10, new Error('late')), /late/);
});

test('withTimeout passes a rejection through unchanged', async () => {
  await assert.rejects(withTimeout(Promise.reject(new Error('broken')), 1_000, new Error('late')), /broken/);
});
