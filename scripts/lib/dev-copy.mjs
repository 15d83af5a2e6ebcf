// A throwaway copy of the repository with `astro dev` running on it, for the
// rebuild-on-save test and the bench: they edit the copy's files and watch the
// page, and the real files are never touched. The copy builds in a target
// directory of its own, kept beside the real one so that the next copy finds
// it warm and compiles only the crate: a shared one would be wrong, because a
// cdylib's output has no hash in its name (deps/main_thread.wasm), so the
// copy's edited build would be what the real crate's next build packs as its
// own when cargo finds that crate fresh. Its node_modules are hard links
// (Astro and Vite do not work from a node_modules behind a symlink).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WATCHING } from '../../site/integrations/rebuild-on-save.mjs';
import { repoRoot, rustDir } from './toolchain.mjs';

/** Build output and tools: linked or left out, never copied. */
const LEFT_OUT = ['node_modules', '.git', 'dist', '.cache', '.astro', 'test-results', 'playwright-report', path.join('rust', 'target'), path.join('templates', 'vite', 'dist')];

/**
 * @param {{ port: number }} options
 * @returns {Promise<{ dir: string, url: string, log: () => string, edit: (file: string, change: (text: string) => string) => void, stop: () => void }>}
 */
export async function startDevCopy({ port }) {
  // Inside the clone (and ignored by git), so that hard links to node_modules stay on one file system.
  const parent = path.join(repoRoot, '.cache');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'dev-copy-'));
  // Entry by entry, since the copy is inside what it copies.
  for (const entry of readdirSync(repoRoot)) {
    if (LEFT_OUT.includes(entry)) continue;
    cpSync(path.join(repoRoot, entry), path.join(dir, entry), {
      recursive: true,
      filter: (source) => !LEFT_OUT.some((skip) => source === path.join(repoRoot, skip)),
    });
  }
  const modules = path.join(repoRoot, 'node_modules');
  if (spawnSync('cp', ['-al', modules, dir]).status !== 0) {
    cpSync(modules, path.join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
  // Astro's content store is written, not only read: a file of its own, so
  // that the copy's `astro dev` never writes into the real one (npm test runs
  // `astro check` on the real one meanwhile).
  const store = path.join(dir, 'node_modules', '.astro');
  rmSync(store, { recursive: true, force: true });
  if (existsSync(path.join(modules, '.astro'))) cpSync(path.join(modules, '.astro'), store, { recursive: true });
  const env = {
    ...process.env,
    WASM_TARGET_DIR: path.join(process.env.WASM_TARGET_DIR ?? path.join(rustDir, 'target'), 'dev-copy'),
    // The copy's builds are edits of the moment: none goes into build-wasm.mjs's cache (see there why).
    WASM_PKG_CACHE: 'off',
  };
  const server = spawn(process.execPath, [path.join(dir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'dev', '--port', String(port)], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  const url = `http://localhost:${port}`;
  const stop = () => {
    try {
      process.kill(-(server.pid ?? 0), 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) {
      stop();
      throw new Error(`astro dev exited:\n${log}`);
    }
    // Answering, and watching every file: an edit made while the watcher
    // still reads the tree can go unseen (seen once, in a fresh clone's run).
    const answered = await fetch(`${url}/`).then((response) => response.ok, () => false);
    if (answered && log.includes(WATCHING)) break;
    if (Date.now() > deadline) {
      stop();
      throw new Error(`astro dev did not answer on ${url}, or did not say it was watching, within 60 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    dir,
    url,
    log: () => log,
    edit: (file, change) => {
      const full = path.join(dir, file);
      writeFileSync(full, change(readFileSync(full, 'utf8')));
    },
    stop,
  };
}
