// The claims of the Under the hood page, checked against stage 3's real build:
// the module wasm-bindgen rewrote for threads, and the glue it generated.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import binaryen from 'binaryen';
import { STAGES, glueFile, wasmFile } from '../../scripts/lib/stages.mjs';

const PAGE_BYTES = 65536;
const stage = (() => {
  const found = STAGES.find((candidate) => candidate.slug === '03-shared-memory');
  if (!found) throw new Error('no stage 03-shared-memory');
  return found;
})();

/** Stage 3's module as text, as binaryen's wasm-dis prints it. */
function moduleText() {
  const module = binaryen.readBinary(readFileSync(wasmFile(stage)));
  module.setFeatures(binaryen.Features.All);
  const text = module.emitText();
  module.dispose();
  return text;
}

/** The constant addresses that `instruction` is given directly, as an `i32.const` operand. */
const addressesOf = (text: string, instruction: string) =>
  new Set([...text.matchAll(new RegExp(`\\(${instruction.replace(/\./g, '\\.')}\\s+\\(i32\\.const (\\d+)\\)`, 'g'))].map((match) => Number(match[1])));

test.describe('what wasm-bindgen added to stage 3’s module for threads (Under the hood)', () => {
  const text = moduleText();
  const memory = /\(import "[^"]+" "memory" \(memory \$\S+ (\d+) (\d+) shared\)\)/.exec(text);

  test('the memory is imported and shared, with the 128 MiB maximum the linker was given', () => {
    expect(memory, 'no imported shared memory').not.toBeNull();
    expect(Number(memory?.[2]) * PAGE_BYTES).toBe(128 << 20);
  });

  test('the thread counter, its lock and the top of the scratch stack lie in the last page of the initial memory', () => {
    const lastPage = (Number(memory?.[1]) - 1) * PAGE_BYTES;
    // The counter: taken with an atomic add, at the start of that page.
    expect([...addressesOf(text, 'i32.atomic.rmw.add')]).toContain(lastPage);
    // The lock: the next 32-bit word, taken with compare-and-exchange and waited on.
    expect([...addressesOf(text, 'i32.atomic.rmw.cmpxchg')]).toContain(lastPage + 4);
    expect([...addressesOf(text, 'memory.atomic.wait32')]).toContain(lastPage + 4);
    // The scratch stack: the stack pointer is pointed at the page's end before a thread has a stack.
    expect(text).toMatch(new RegExp(`\\(global\\.set \\$global\\$0\\s+\\(i32\\.const ${lastPage + PAGE_BYTES}\\)`));
  });

  test('the page’s stack is the first 1 MiB: the stack pointer starts at its top', () => {
    expect(text).toMatch(/\(global \$global\$0 \(mut i32\) \(i32\.const 1048576\)\)/);
  });

  test('the start function and the thread destructor are exports', () => {
    expect(text).toContain('(export "__wbindgen_start"');
    expect(text).toContain('(export "__wbindgen_thread_destroy"');
  });

  test('every atomic access is one kind of instruction: no ordering is written on any', () => {
    const atomics = [...text.matchAll(/\((i(?:32|64)\.atomic\.[\w.]+)([^\n]*)/g)];
    expect(atomics.length).toBeGreaterThan(0);
    // binaryen prints an ordering other than the default after the instruction's name.
    const ordered = atomics.filter(([, , rest]) => /\b(acqrel|seqcst)\b/.test(rest));
    expect(ordered.map(([line]) => line)).toEqual([]);
  });
});

test('stage 3’s glue keeps JavaScript values in a table of the instance, and starts each thread after instantiating', () => {
  const glue = readFileSync(glueFile(stage), 'utf8');
  expect(glue).toContain('wasm.__wbindgen_externrefs.set(');
  expect(glue).toMatch(/wasm\.__wbindgen_start\(thread_stack_size\)/);
  expect(moduleText()).toMatch(/\(export "__wbindgen_externrefs" \(table /);
});
