// Builds the three crates with wasm-pack into demos/NN-*/pkg/.
//
//   node scripts/build-wasm.mjs [--dev] [stage-slug ...]
//
// Every stage builds std itself (-Z build-std): Debian ships no wasm32 std, and
// stage 3 needs one compiled with atomics anyway. Stage 3's own flags live in
// rust/03-shared-memory/.cargo/config.toml, which cargo reads because wasm-pack
// runs it from that folder.
import { run, step } from './lib/run.mjs';
import { STAGES, crateDir, pkgDir } from './lib/stages.mjs';
import { findWasmToolchain, targetDir, toolchainEnv } from './lib/toolchain.mjs';

const profile = process.argv.includes('--dev') ? '--dev' : '--release';
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const stages = only.length ? STAGES.filter((stage) => only.includes(stage.slug)) : STAGES;

const toolchain = findWasmToolchain();
if (!toolchain) {
  console.error('build-wasm: no Rust toolchain can build wasm yet: run `npm run setup` first.');
  process.exit(1);
}
if (process.env.RUSTFLAGS) {
  // RUSTFLAGS replaces, rather than adds to, the flags in .cargo/config.toml:
  // stage 3 would lose its atomics and shared memory.
  console.warn(`build-wasm: ignoring RUSTFLAGS=${process.env.RUSTFLAGS}; the crates carry their own flags.`);
}

// ANCHOR: wasm-pack
for (const stage of stages) {
  step(`wasm-pack ${stage.slug} (${toolchain})`, () => {
    const env = { ...toolchainEnv(toolchain), CARGO_TARGET_DIR: targetDir(stage.threaded) };
    delete env.RUSTFLAGS;
    run(
      'wasm-pack',
      [
        'build', '.', '--target', 'web', profile, '--no-pack',
        '--out-dir', pkgDir(stage),
        // Skips wasm-pack's check for a prebuilt wasm32 std, which build-std makes unnecessary
        // (and which fails under Debian's compiler).
        '--mode', 'force',
        '--', '-Z', 'build-std=std,panic_abort',
      ],
      { cwd: crateDir(stage), env },
    );
  });
}
// ANCHOR_END: wasm-pack
