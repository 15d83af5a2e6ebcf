// The toolchain a stage is built and tested with, read from the pinned files:
// the crate's rust-toolchain.toml (or rust/'s), rust/Cargo.lock, the
// wasm-pack version setup installs (scripts/lib/toolchain.mjs) and the npm
// package binaryen that provides wasm-opt (package.json).
//
// Paths are taken from the working directory, the repository's root, because
// Astro bundles this file (as it does source-files.ts): scripts/lib/stages.mjs
// and toolchain.mjs find rust/ from their own URL, which bundling moves. So
// the toolchain files are read here with a TOML parser, where toolchain.mjs
// reads them by hand (it runs before `npm ci`).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { WASM_PACK_VERSION } from '../../../scripts/lib/toolchain.mjs';

export interface ToolVersion {
  name: string;
  version: string;
}

interface Toolchain {
  channel: string;
  components: string[];
  targets: string[];
}

const rustDir = () => path.resolve('rust');

/** The stage folders of rust/ (NN-name), in order. */
function stageSlugs(): string[] {
  return readdirSync(rustDir(), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** A rust-toolchain.toml's [toolchain] table. */
function readToolchain(file: string): Toolchain {
  const { toolchain } = parse(readFileSync(file, 'utf8')) as { toolchain: Partial<Toolchain> };
  if (!toolchain.channel) throw new Error(`${file}: no channel`);
  return { channel: toolchain.channel, components: toolchain.components ?? [], targets: toolchain.targets ?? [] };
}

/** The toolchain rustup picks in a stage's crate: its own file, else rust/'s. */
function toolchainOf(slug: string): Toolchain {
  const own = path.join(rustDir(), slug, 'rust-toolchain.toml');
  return readToolchain(existsSync(own) ? own : path.join(rustDir(), 'rust-toolchain.toml'));
}

/** The version of `name` in rust/Cargo.lock. */
function lockedVersion(name: string): string {
  const lock = readFileSync(path.join(rustDir(), 'Cargo.lock'), 'utf8');
  const version = new RegExp(`name = "${name}"\\nversion = "([^"]+)"`).exec(lock)?.[1];
  if (!version) throw new Error(`rust/Cargo.lock pins no ${name}`);
  return version;
}

/** The binaryen package package.json pins: the wasm-opt that wasm-pack runs. */
function binaryenVersion(): string {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
  return manifest.devDependencies.binaryen;
}

/** Each tool and library a stage's build uses, with the version pinned today. */
export function stageToolchain(slug: string): ToolVersion[] {
  if (!stageSlugs().includes(slug)) throw new Error(`No stage ${slug} in rust/`);
  const manifest = parse(readFileSync(path.join(rustDir(), slug, 'Cargo.toml'), 'utf8')) as {
    dependencies?: Record<string, unknown>;
  };
  const tools: ToolVersion[] = [
    { name: 'Rust', version: toolchainOf(slug).channel },
    { name: 'wasm-bindgen', version: lockedVersion('wasm-bindgen') },
    { name: 'wasm-pack', version: WASM_PACK_VERSION },
    { name: 'wasm-opt (binaryen)', version: binaryenVersion() },
  ];
  if ('rayon' in (manifest.dependencies ?? {})) tools.push({ name: 'Rayon', version: lockedVersion('rayon') });
  return tools;
}

/** The rustup commands that install every toolchain a rust-toolchain.toml asks for, as setup runs them. */
export function rustupInstallCommands(): string[] {
  const files = [
    path.join(rustDir(), 'rust-toolchain.toml'),
    ...stageSlugs()
      .map((slug) => path.join(rustDir(), slug, 'rust-toolchain.toml'))
      .filter((file) => existsSync(file)),
  ];
  const toolchains = files.map(readToolchain).filter((toolchain, index, all) => all.findIndex((other) => other.channel === toolchain.channel) === index);
  return toolchains.map((toolchain) => {
    const args = ['rustup', 'toolchain', 'install', toolchain.channel, '--profile', 'minimal'];
    if (toolchain.components.length) args.push('--component', toolchain.components.join(','));
    if (toolchain.targets.length) args.push('--target', toolchain.targets.join(','));
    return args.join(' ');
  });
}

/** A pinned version by the name a page uses for it. */
export function pinnedVersion(tool: 'wasm-bindgen' | 'wasm-pack'): string {
  return tool === 'wasm-bindgen' ? lockedVersion('wasm-bindgen') : WASM_PACK_VERSION;
}
