import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { compileErrorText, flagInputs, staleFlagInputs } from '../../scripts/lib/flag-inputs.mjs';
import { threadsSettings } from '../../scripts/lib/threads-flags.mjs';

type Recorded = {
  inputs?: ReturnType<typeof flagInputs>;
  results: { setting: string; stage: string; message: string }[];
};
const recorded = JSON.parse(readFileSync('site/src/data/flag-errors.json', 'utf8')) as Recorded;
const rerun = 'run `npm run flags` to record the table again';

test('the Build flags table covers every flag of the threaded build', () => {
  const settings = recorded.results.map((result) => result.setting);
  const current = threadsSettings().map((removal) => removal.setting);
  expect(current.length).toBeGreaterThan(5);
  // A flag added to .cargo/config.toml without `npm run flags` fails here.
  expect(settings, rerun).toEqual(expect.arrayContaining(current));
  for (const result of recorded.results) expect(result.message, result.setting).not.toBe('');
});

test('the Build flags table was recorded from today’s build inputs', () => {
  // The compile_error! text, the wasm-pack call, the flags left out and the pinned versions.
  expect(staleFlagInputs(recorded.inputs), rerun).toEqual([]);
  // The +atomics row quotes the crate's own compile_error!: today's words, as rustc printed them.
  const atomics = recorded.results.find((result) => result.setting === '+atomics');
  expect(atomics?.message, rerun).toContain(compileErrorText());
});

test('a recorded input that differs from today’s is reported stale', () => {
  const today = flagInputs();
  expect(staleFlagInputs(today)).toEqual([]);
  const reworded = { ...today, compileError: `${today.compileError} (old words)` };
  const repinned = { ...today, versions: { ...today.versions, nightly: 'nightly-2000-01-01' } };
  expect(staleFlagInputs(reworded)).toEqual([expect.stringMatching(/^compileError: recorded/)]);
  expect(staleFlagInputs(repinned)).toEqual([expect.stringMatching(/^nightly: recorded "nightly-2000-01-01", now/)]);
  expect(staleFlagInputs(undefined)).toEqual(['flag-errors.json records no inputs']);
});
