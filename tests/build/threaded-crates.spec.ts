import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { STAGES, crateDir } from '../../scripts/lib/stages.mjs';

// Each threaded stage carries its own .cargo/config.toml and rust-toolchain.toml,
// so that `wasm-pack build` works in its folder, as a reader would run it. The
// site explains the flags once (Build flags explained, from the first threaded
// stage): every copy must say the same.
const threaded = STAGES.filter((stage) => stage.threaded);
const read = (stage: (typeof STAGES)[number], file: string) => readFileSync(path.join(crateDir(stage), file), 'utf8');

test('there is more than one threaded stage to compare', () => {
  expect(threaded.map((stage) => stage.slug)).toEqual(expect.arrayContaining(['03-shared-memory', '04-thread-pool']));
});

for (const file of ['.cargo/config.toml', 'rust-toolchain.toml']) {
  test(`every threaded stage's ${file} is the same as ${threaded[0].slug}'s`, () => {
    for (const stage of threaded.slice(1)) expect(read(stage, file), stage.slug).toBe(read(threaded[0], file));
  });
}
