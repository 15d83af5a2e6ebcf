// demos/shared/constants.js and scripts/lib/stage-constants.mjs: a stage's
// numbers, looked up by path and written into its HTML at build time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constantAt, formatConstant } from '../../demos/shared/constants.js';
import { fillConstants, readConstants } from '../../scripts/lib/stage-constants.mjs';

const numbers = { threads: { min: 1, max: 16 }, memoryCapBytes: 128 * 2 ** 20 };

test('a constant is found by its dotted path, and a missing one is undefined', () => {
  assert.equal(constantAt(numbers, 'threads.max'), 16);
  assert.equal(constantAt(numbers, 'threads.default'), undefined);
  assert.equal(constantAt(numbers, 'nothing.at.all'), undefined);
});

test('byte counts read as MiB, other numbers as they are; a non-number is refused', () => {
  assert.equal(formatConstant('memoryCapBytes', 128 * 2 ** 20), '128');
  assert.equal(formatConstant('threads.max', 16), '16');
  assert.throws(() => formatConstant('threads', { min: 1 }), /no number at “threads”/);
});

test('the build fills every marked span of a stage page from its crate, across line breaks', () => {
  const { threads } = readConstants('04-thread-pool').settings;
  const html = 'Threads <span data-const="settings.threads.min"></span>–<span\n  data-const="settings.threads.max">?</span>.';
  assert.equal(
    fillConstants(html, '04-thread-pool'),
    `Threads <span data-const="settings.threads.min">${threads.min}</span>–<span\n  data-const="settings.threads.max">${threads.max}</span>.`,
  );
});

test('the build refuses a page that names a constant its crate does not have', () => {
  assert.throws(() => fillConstants('<span data-const="settings.colour"></span>', '04-thread-pool'), /no constant “settings.colour”/);
});

test('each threaded crate exports its limits', () => {
  assert.equal(typeof readConstants('03-shared-memory').maxWorkers, 'number');
  assert.equal(typeof readConstants('04-thread-pool').settings.threads.max, 'number');
});
