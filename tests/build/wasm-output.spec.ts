import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { expect, test } from '@playwright/test';
import { inlineScriptHashes } from '../../scripts/csp-hashes.mjs';
import { headersFor } from '../../scripts/lib/netlify-headers.mjs';
import { STAGES, wasmFile } from '../../scripts/lib/stages.mjs';

type MemoryImport = { module: string; name: string; shared: boolean; maximumPages?: number };

/** The memory imports of a wasm binary, read from its import section (id 2). */
function memoryImports(bytes: Uint8Array): MemoryImport[] {
  let offset = 8; // magic and version
  const byte = () => bytes[offset++];
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const next = byte();
      result |= (next & 0x7f) << shift;
      if (!(next & 0x80)) return result >>> 0;
      shift += 7;
    }
  };
  const name = () => {
    const length = leb();
    const text = new TextDecoder().decode(bytes.subarray(offset, offset + length));
    offset += length;
    return text;
  };
  const limits = () => {
    const flags = byte();
    leb(); // minimum
    const maximum = flags & 0x01 ? leb() : undefined;
    return { shared: (flags & 0x02) !== 0, maximum };
  };
  const found: MemoryImport[] = [];
  while (offset < bytes.length) {
    const id = byte();
    const size = leb();
    const end = offset + size;
    if (id === 2) {
      for (let count = leb(); count > 0; count--) {
        const module = name();
        const field = name();
        const kind = byte();
        if (kind === 0) leb(); // function: type index
        else if (kind === 1) { byte(); limits(); } // table: element type, limits
        else if (kind === 2) {
          const { shared, maximum } = limits();
          found.push({ module, name: field, shared, maximumPages: maximum });
        } else if (kind === 3) { byte(); byte(); } // global: value type, mutability
        else if (kind === 4) { byte(); leb(); } // tag (exception handling): attribute, type index
        else throw new Error(`unknown import kind ${kind}`);
      }
    }
    offset = end;
  }
  return found;
}

// Node 24's V8 validates exception handling with exnref (what a build that
// unwinds uses) only behind this flag, which holds for modules compiled after it.
setFlagsFromString('--experimental-wasm-exnref');

for (const stage of STAGES) {
  test(`${stage.slug}: the wasm ${stage.threaded ? 'imports one shared memory' : 'has no shared memory'}`, () => {
    const bytes = new Uint8Array(readFileSync(wasmFile(stage)));
    expect(WebAssembly.validate(bytes)).toBe(true);
    const imports = memoryImports(bytes);
    if (stage.threaded) {
      // 2048 pages of 64 KiB: the 128 MiB of --max-memory in .cargo/config.toml.
      // (wasm-bindgen renames the import's module from "env" to its JS glue.)
      expect(imports).toEqual([expect.objectContaining({ name: 'memory', shared: true, maximumPages: 2048 })]);
    } else {
      expect(imports.filter((memory) => memory.shared)).toEqual([]);
    }
  });
}

test('netlify.toml allows exactly the inline scripts the built site has', () => {
  const csp = headersFor('/')['Content-Security-Policy'];
  const allowed = csp.match(/'sha256-[^']+'/g) ?? [];
  expect(allowed.sort(), 'run `node scripts/csp-hashes.mjs` and update netlify.toml').toEqual(inlineScriptHashes('dist'));
});

test('the memory-import reader finds a shared memory where there is one', () => {
  // A hand-made module: (import "env" "memory" (memory 1 2 shared)).
  const module = Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x10, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x06, 0x6d,
    0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x03, 0x01, 0x02,
  ]);
  expect(WebAssembly.validate(module)).toBe(true);
  expect(memoryImports(module)).toEqual([{ module: 'env', name: 'memory', shared: true, maximumPages: 2 }]);
});
