import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { threadsSettings } from '../../scripts/lib/threads-flags.mjs';

test('the Build flags table covers every flag of the threaded build', () => {
  const recorded = JSON.parse(readFileSync('site/src/data/flag-errors.json', 'utf8')) as {
    results: { setting: string; message: string }[];
  };
  const settings = recorded.results.map((result) => result.setting);
  const current = threadsSettings().map((removal) => removal.setting);
  expect(current.length).toBeGreaterThan(5);
  // A flag added to .cargo/config.toml without `npm run flags` fails here.
  expect(settings, 'run `npm run flags` to record what breaks without the new setting').toEqual(
    expect.arrayContaining(current),
  );
  for (const result of recorded.results) expect(result.message, result.setting).not.toBe('');
});
