// Processes the scripts start and must end: each one the leader of its own
// process group, awaited until it answers, never a fixed sleep.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './toolchain.mjs';

/**
 * Starts the test server (scripts/serve.mjs) on dist/, the same one the
 * Playwright suite uses, and resolves once it answers.
 * @param {number} port
 * @param {{ isolation?: boolean, root?: string }} [options] `root`: what to serve (default dist/)
 * @returns {Promise<() => Promise<void>>}
 */
export async function startSiteServer(port, { isolation = true, root = 'dist' } = {}) {
  if (!existsSync(path.join(path.resolve(repoRoot, root), 'index.html')) && root === 'dist') {
    throw new Error('dist/ has no built site: run `npx astro build` (or `npm run build`) first');
  }
  const args = ['scripts/serve.mjs', '--root', root, '--port', String(port), ...(isolation ? [] : ['--no-isolation'])];
  return startProcessGroup(process.execPath, args, process.env, {
    what: `the test server on port ${port}`,
    ready: async () => (await fetch(`http://127.0.0.1:${port}/`)).ok,
  });
}

/**
 * Spawns a command as the leader of a new process group, so that everything
 * it starts (Xvfb, the driver, the browser's processes) can be ended through
 * its process id, and nothing else; resolves once `ready` says so, within 30 s.
 * @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} env
 * @param {{ what: string, ready: () => Promise<boolean> }} readiness
 * @returns {Promise<() => Promise<void>>} ends the whole group
 */
export async function startProcessGroup(command, args, env, { what, ready }) {
  // A server left over from an earlier run would answer for this one.
  if (await ready().catch(() => false)) throw new Error(`${what}: something else already answers on that port`);
  const child = spawn(command, args, { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signalGroup = (signal) => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), signal);
    } catch {
      // The group is already gone.
    }
  };
  const stop = async () => {
    signalGroup('SIGTERM');
    await Promise.race([exited, delay(5_000)]);
    // Whatever ignored SIGTERM, or outlived its parent, in the same group.
    signalGroup('SIGKILL');
  };
  const deadline = Date.now() + 30_000;
  while (!(await ready().catch(() => false))) {
    const exit = child.exitCode ?? child.signalCode;
    if (exit !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${what} did not start (${exit === null ? 'no answer within 30 s' : `exit ${exit}`})`);
    }
    await delay(200);
  }
  return stop;
}


/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
