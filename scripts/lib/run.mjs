// Small process helpers shared by the setup, build and test scripts. They run
// on any Node from 18 on, before `npm ci` has brought anything else.
import { spawn, spawnSync } from 'node:child_process';

/** Runs a command, inheriting stdio; throws with the command line when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`\`${[command, ...args].join(' ')}\` failed (exit ${result.status ?? result.signal})`);
  }
}

/** Runs a command quietly; its trimmed stdout, or null when it is missing or fails. */
export function output(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (result.error || result.status !== 0) return null;
  return result.stdout.trim();
}

/** Prints a step's name, runs it, and prints how long it took. */
export function step(name, action) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = action();
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

/**
 * Starts a step in the background, its output held back; `finish()` waits for
 * it, prints its output and how long it took, and throws if it failed. For a
 * step that can share the machine with the one in the foreground.
 * @param {string} name @param {string} command @param {string[]} args @param {import('node:child_process').SpawnOptions} [options]
 */
export function stepInBackground(name, command, args, options = {}) {
  const started = Date.now();
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  /** @type {Promise<void> | undefined} */
  let finished;
  return {
    // Once: a second call (a failure path awaiting what may already be awaited) prints nothing again.
    finish() {
      finished ??= (async () => {
        const code = await exited.catch((error) => {
          throw new Error(`could not run ${command}: ${error.message}`);
        });
        console.log(`\n▶ ${name} (ran alongside the steps above)`);
        process.stdout.write(Buffer.concat(output));
        if (code !== 0) throw new Error(`\`${[command, ...args].join(' ')}\` failed (exit ${code})`);
        console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      })();
      return finished;
    },
  };
}
