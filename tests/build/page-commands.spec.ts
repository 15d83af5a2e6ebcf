import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SITE_PORT } from '../../playwright.config';
import { repoRoot, toolEnv } from '../../scripts/lib/toolchain.mjs';

// The check commands that Troubleshooting and Cross-origin isolation give a
// reader, read from the pages and run here, so that a page cannot show a
// command that does not do what it says. A command for the dev server
// (localhost:4321) or the demos' server (localhost:8000) runs against the test
// server, which sends the same netlify.toml headers.

/** Every line of a ```sh block on a page. */
function shellLines(page: string): string[] {
  const text = readFileSync(`site/src/content/docs/${page}.mdx`, 'utf8');
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => block[1].trim().split('\n'));
}

/** Runs the one line of `page` that starts with `start`, as a reader would in a shell at the repository's root. */
function runLine(page: string, start: string): string {
  const line = shellLines(page).find((candidate) => candidate.startsWith(start));
  if (!line) throw new Error(`${page}.mdx shows no command starting with “${start}”`);
  const local = line.replace(/http:\/\/localhost:(4321|8000)\//, `http://localhost:${SITE_PORT}/`);
  return execFileSync('sh', ['-c', local], { cwd: repoRoot, env: toolEnv(), encoding: 'utf8' });
}

test('Troubleshooting’s check for a shared memory finds one in stage 3’s glue', () => {
  expect(runLine('troubleshooting', "grep -o 'shared:true'").trim()).toBe('shared:true');
});

test('Troubleshooting’s version check shows the same wasm-bindgen in the CLI and in Cargo.lock', () => {
  const cli = /^wasm-bindgen (\S+)/.exec(runLine('troubleshooting', 'wasm-bindgen --version'))?.[1];
  const locked = /version = "([^"]+)"/.exec(runLine('troubleshooting', "grep -A1 'name = \"wasm-bindgen\"'"))?.[1];
  expect(cli).toBeDefined();
  expect(cli).toBe(locked);
});

test('Troubleshooting’s content-type check shows application/wasm', () => {
  expect(runLine('troubleshooting', 'curl -sI').trim().toLowerCase()).toBe('content-type: application/wasm');
});

test('Cross-origin isolation’s header check shows COOP, COEP and CORP', () => {
  const lines = runLine('cross-origin-isolation', 'curl -sI').trim().toLowerCase().split(/\r?\n/);
  expect(lines).toEqual([
    'cross-origin-opener-policy: same-origin',
    'cross-origin-embedder-policy: require-corp',
    'cross-origin-resource-policy: same-origin',
  ]);
});
