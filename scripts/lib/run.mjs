// Small process helpers shared by the setup, build and test scripts. They run
// on any Node from 18 on, before `npm ci` has brought anything else.
import { spawnSync } from 'node:child_process';

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
