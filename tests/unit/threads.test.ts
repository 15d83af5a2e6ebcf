// demos/shared/threads.js: how many threads a demo starts with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultThreadCount } from '../../demos/shared/threads.js';

test('the default is the core count, within 1 and the limit', () => {
  assert.equal(defaultThreadCount(16, 4), 4);
  assert.equal(defaultThreadCount(16, 64), 16);
  assert.equal(defaultThreadCount(16, 0), 1);
  assert.equal(defaultThreadCount(16, Number.NaN), 1); // not reported
});
