// demos/shared/capabilities.js: the exception-handling check tells an engine
// with exnref from one without. Node 24's V8 has it only behind a flag, so the
// same check runs in a child Node without the flag and with it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const check = `import('./demos/shared/capabilities.js').then(({ supportsExnref }) => console.log(supportsExnref()))`;
const run = (flags: string[]) =>
  execFileSync(process.execPath, [...flags, '--input-type=module', '-e', check], { encoding: 'utf8' }).trim();

test('the exnref check passes where the engine validates try_table, and fails where it does not', () => {
  assert.equal(run(['--experimental-wasm-exnref']), 'true');
  assert.equal(run(['--no-experimental-wasm-exnref']), 'false');
});
