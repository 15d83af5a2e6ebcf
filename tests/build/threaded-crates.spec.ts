import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { STAGES, crateDir, rustflagsOf } from '../../scripts/lib/stages.mjs';

// Each threaded stage carries its own .cargo/config.toml and rust-toolchain.toml,
// so that `wasm-pack build` works in its folder, as a reader would run it. The
// site explains the flags once (Build flags explained, from the first threaded
// stage): every copy must say the same.
const threaded = STAGES.filter((stage) => stage.threaded);
const read = (stage: (typeof STAGES)[number], file: string) => readFileSync(path.join(crateDir(stage), file), 'utf8');

test('there is more than one threaded stage to compare', () => {
  expect(threaded.map((stage) => stage.slug)).toEqual(expect.arrayContaining(['03-shared-memory', '04-thread-pool']));
});

test(`every threaded stage's rust-toolchain.toml is the same as ${threaded[0].slug}'s`, () => {
  for (const stage of threaded.slice(1)) expect(read(stage, 'rust-toolchain.toml'), stage.slug).toBe(read(threaded[0], 'rust-toolchain.toml'));
});

// What a panic does may differ (stage 4 unwinds, and so builds in a target
// directory of its own); every other flag is the same.
test(`every threaded stage's .cargo/config.toml has ${threaded[0].slug}'s flags, its panic strategy aside`, () => {
  const flags = (stage: (typeof STAGES)[number]) => {
    const rustflags = rustflagsOf(stage.slug);
    const panic = rustflags.findIndex((flag) => flag.startsWith('panic='));
    return panic < 0 ? rustflags : rustflags.toSpliced(panic - 1, 2);
  };
  expect(flags(threaded[0])).toContain('link-arg=--shared-memory');
  for (const stage of threaded.slice(1)) expect(flags(stage), stage.slug).toEqual(flags(threaded[0]));
  expect(threaded.find((stage) => stage.slug === '04-thread-pool')?.panic).toBe('unwind');
});
