// @ts-check
// `npm start` rebuilds what you save. A crate's source or manifest: that crate
// alone is rebuilt with scripts/build-wasm.mjs, then the open page reloads. A
// demo's JavaScript, HTML or CSS: the page reloads at once. A build that fails
// prints its errors in the terminal and shows them over the page (Vite's error
// overlay) until the next save builds, so a stale page is never kept silently.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { STAGES, crateDir } from '../../scripts/lib/stages.mjs';
import { repoRoot } from '../../scripts/lib/toolchain.mjs';

const demosDir = path.join(repoRoot, 'demos') + path.sep;
const isCrateSource = (/** @type {string} */ file) => /\.(rs|toml)$/.test(file) && !file.includes(`${path.sep}target${path.sep}`);
const isDemoFile = (/** @type {string} */ file) =>
  file.startsWith(demosDir) && /\.(js|html|css)$/.test(file) && !/[\\/]pkg(-single|-unwind)?[\\/]/.test(file);

/** Logged once the watcher has read the whole tree: a save made before that can be missed. */
export const WATCHING = 'watching the crates: a save now rebuilds its wasm';

export default function rebuildOnSave() {
  return {
    name: 'rebuild-on-save',
    hooks: {
      /** @param {{ server: import('vite').ViteDevServer, logger: import('astro').AstroIntegrationLogger }} context */
      'astro:server:setup': ({ server, logger }) => {
        const reload = () => server.ws.send({ type: 'full-reload', path: '*' });
        /** Stages saved since their last build started; builds run one at a time. */
        const pending = new Set();
        let building = false;

        async function buildPending() {
          if (building) return;
          building = true;
          while (pending.size > 0) {
            const [slug] = pending;
            pending.delete(slug);
            const started = Date.now();
            logger.info(`${slug} saved: rebuilding its wasm`);
            const { ok, output } = await buildStage(slug);
            if (ok) {
              logger.info(`${slug} rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s; reloading the page`);
              reload();
            } else {
              logger.error(`${slug} did not build; the page shows the errors until the next save builds`);
              server.ws.send({
                type: 'error',
                err: { message: `The wasm for ${slug} did not build:\n\n${output}`, stack: '', plugin: 'rebuild-on-save' },
              });
            }
          }
          building = false;
        }

        server.watcher.once('ready', () => logger.info(WATCHING));
        server.watcher.on('all', (event, file) => {
          if (event !== 'add' && event !== 'change' && event !== 'unlink') return;
          const stage = STAGES.find((candidate) => file.startsWith(crateDir(candidate) + path.sep));
          if (stage && isCrateSource(file)) {
            pending.add(stage.slug);
            buildPending();
          } else if (isDemoFile(file)) {
            reload();
          }
        });
      },
    },
  };
}

/**
 * Runs build-wasm.mjs for one stage; its output goes to the terminal as it
 * comes, and the error lines are kept for the overlay.
 * @param {string} slug
 * @returns {Promise<{ ok: boolean, output: string }>}
 */
function buildStage(slug) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'build-wasm.mjs'), slug], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      output += chunk;
    });
    child.on('close', (code) => {
      // cargo's "Compiling …" lines are progress, not the error.
      const errors = output
        .split('\n')
        .filter((line) => !/^\s*(Compiling|Finished|Running|\[INFO\]|Blocking)/.test(line))
        .join('\n')
        .trim();
      resolve({ ok: code === 0, output: errors.slice(-4000) });
    });
  });
}
