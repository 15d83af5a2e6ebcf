// Suites that run on Node's own test runner (tests/unit/, tests/webkit/): run
// with the project's Node, a spec report on the terminal and a TAP copy whose
// summary gives the counts for npm test's closing line.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './run.mjs';
import { repoRoot } from './toolchain.mjs';

/**
 * Runs `files` with `node --test`; throws when a test fails.
 * @param {string} files a glob, from the repository's root
 * @param {string} report where the TAP copy goes
 * @param {string[]} [options] more `node` options
 */
export function runNodeTests(files, report, options = []) {
  mkdirSync(path.dirname(report), { recursive: true });
  run(
    // The project's Node (24, from the npm package `node`): newer than the
    // machine's Node that may run scripts/test.mjs, and it runs .ts files.
    path.join(repoRoot, 'node_modules', '.bin', 'node'),
    ['--test', ...options, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${report}`, files],
    { cwd: repoRoot },
  );
}

/**
 * The counts of the last run, from its TAP summary, or null when there is none.
 * @param {string} report
 * @returns {{ passed: number, failed: number, skipped: number } | null}
 */
export function readTapCounts(report) {
  if (!existsSync(report)) return null;
  const tap = readFileSync(report, 'utf8');
  const count = (/** @type {string} */ name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? NaN);
  const counts = {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
  return Object.values(counts).every(Number.isInteger) ? counts : null;
}
