// The three stages: each a crate in rust/ and a demo in demos/ with the same name.
import path from 'node:path';
import { repoRoot } from './toolchain.mjs';

export const STAGES = [
  { slug: '01-main-thread', crate: 'main_thread', threaded: false },
  { slug: '02-single-worker', crate: 'single_worker', threaded: false },
  { slug: '03-shared-memory', crate: 'shared_memory', threaded: true },
  { slug: '04-thread-pool', crate: 'thread_pool', threaded: true },
];

export const crateDir = (stage) => path.join(repoRoot, 'rust', stage.slug);
export const demoDir = (stage) => path.join(repoRoot, 'demos', stage.slug);
/** wasm-pack's output: next to the demo that imports it. */
export const pkgDir = (stage) => path.join(demoDir(stage), 'pkg');
export const wasmFile = (stage) => path.join(pkgDir(stage), `${stage.crate}_bg.wasm`);
export const glueFile = (stage) => path.join(pkgDir(stage), `${stage.crate}.js`);
