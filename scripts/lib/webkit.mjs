// WebKit, Safari's engine, for the WebDriver suite in tests/webkit/. Playwright's
// own WebKit cannot be downloaded on every machine; Debian's WebKitGTK driver
// (the package webkit2gtk-driver: WebKitWebDriver, which opens its MiniBrowser)
// can, and runs headless under Xvfb. This module finds or installs it, starts it
// and the test servers, and ends every process it started by process id.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { platform } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNodeTests } from './node-tests.mjs';
import { startProcessGroup } from './processes.mjs';
import { repoRoot } from './toolchain.mjs';

/** What `apt-get install` needs for the suite: the driver, and a virtual display with its auth tool. */
export const WEBKIT_APT_PACKAGES = ['webkit2gtk-driver', 'xvfb', 'xauth'];

/**
 * WebKitGTK hides SharedArrayBuffer even on a cross-origin isolated page unless
 * JavaScriptCore runs with this option; Safari exposes it there (15.2 and later).
 * The driver passes its environment to the browser it starts. (With the option
 * WebKitGTK also exposes it on a page that is not isolated, which Safari does
 * not: tests/webkit/stage-3.test.ts pins both.)
 */
export const SHARED_ARRAY_BUFFER_OPTION = { JSC_useSharedArrayBuffer: '1' };

/** The result file of the last suite run: scripts/test.mjs reads its counts. */
export const WEBKIT_REPORT = path.join(repoRoot, '.cache', 'test-reports', 'webkit.tap');

/**
 * The suite's ports, above those of Playwright's servers (TEST_PORT and the
 * few after it, see playwright.config.ts), so that both suites can run at the same time.
 */
export function webkitPorts(base = Number(process.env.TEST_PORT ?? 4322)) {
  return {
    /** dist/ with netlify.toml's headers */
    site: base + 10,
    /** dist/ without COOP, COEP and CORP: the negative control */
    unisolated: base + 11,
    /** WebKitWebDriver started with SHARED_ARRAY_BUFFER_OPTION */
    driver: base + 12,
    /** WebKitWebDriver as WebKitGTK ships it, without the option */
    plainDriver: base + 13,
  };
}

/** WebKitWebDriver and xvfb-run (which needs xauth), or null when any is missing. */
export function findWebKitDriver() {
  const driver = findOnPath('WebKitWebDriver');
  const xvfbRun = findOnPath('xvfb-run');
  return driver && xvfbRun && findOnPath('xauth') ? { driver, xvfbRun } : null;
}

/**
 * Makes WebKit available to `npm test`: Debian's driver through apt where apt
 * can run unattended, else Playwright's WebKit. setup.mjs passes in its own
 * apt helpers and its error for "run this, then try again".
 * @param {{
 *   say: (message: string) => void,
 *   aptUsable: (probePackage: string) => boolean,
 *   aptInstall: (packages: string[]) => void,
 *   Missing: new (what: string, commands: string[]) => Error,
 * }} setup
 */
export async function ensureWebKit({ say, aptUsable, aptInstall, Missing }) {
  // Imported here: setup.mjs imports this module before `npm ci` has brought Playwright.
  const { hasPlaywrightWebKit } = await import('./browsers.mjs');
  if (findWebKitDriver() || hasPlaywrightWebKit()) return;
  // Playwright's own first, as for the other browsers; Debian's driver where
  // that download fails and apt can run unattended.
  say("installing Playwright's webkit (npx playwright install webkit)");
  spawnSync('npx', ['playwright', 'install', 'webkit'], { stdio: 'inherit', cwd: repoRoot, timeout: 10 * 60 * 1000 });
  if (!hasPlaywrightWebKit() && aptUsable(WEBKIT_APT_PACKAGES[0])) {
    say(`Playwright's download failed; installing Debian's ${WEBKIT_APT_PACKAGES.join(' ')} (WebKit, through WebDriver) instead`);
    aptInstall(WEBKIT_APT_PACKAGES);
  }
  if (findWebKitDriver() || hasPlaywrightWebKit()) return;
  throw new Missing('no WebKit for the tests.', webkitInstallCommands());
}

/** What a person runs to get WebKit for the tests, on this system. */
export function webkitInstallCommands() {
  return platform() === 'linux' && existsSync('/etc/debian_version')
    ? [`sudo apt-get install ${WEBKIT_APT_PACKAGES.join(' ')}`]
    : [`npx playwright install${platform() === 'linux' ? ' --with-deps' : ''} webkit`];
}

/**
 * Runs the suite with node --test: one file at a time (they share one driver,
 * which holds one browser session at a time), the servers and the driver
 * started once around all files by tests/webkit/global-setup.ts. Throws when a test fails.
 */
export function runWebKitSuite() {
  // A WebDriver call can wait for ever (seen once: a fresh clone's run hung in
  // stage 5's unisolated test for over five minutes). Each test gets two
  // minutes, ten times the slowest one, and then fails instead of hanging.
  runNodeTests('tests/webkit/*.test.ts', WEBKIT_REPORT, ['--test-concurrency=1', '--test-timeout=120000', '--test-global-setup=tests/webkit/global-setup.ts']);
}

/**
 * Starts WebKitWebDriver on a virtual display and resolves once it accepts
 * sessions. With `sharedArrayBuffer`, JavaScriptCore exposes SharedArrayBuffer
 * on isolated pages, as Safari does.
 * @param {number} port
 * @param {{ sharedArrayBuffer?: boolean }} [options]
 * @returns {Promise<() => Promise<void>>} ends the driver, its display and its browsers
 */
export async function startWebKitDriver(port, { sharedArrayBuffer = true } = {}) {
  const found = findWebKitDriver();
  if (!found) throw new Error(`WebKitWebDriver, xvfb-run or xauth is missing: ${webkitInstallCommands().join('; ')}`);
  const env = { ...process.env, ...(sharedArrayBuffer ? SHARED_ARRAY_BUFFER_OPTION : {}) };
  if (!sharedArrayBuffer) delete env.JSC_useSharedArrayBuffer;
  // -a picks a free display number, so that two suites can run side by side.
  return startProcessGroup(found.xvfbRun, ['-a', found.driver, `--port=${port}`], env, {
    what: `WebKitWebDriver on port ${port}`,
    ready: async () => (await fetchJson(`http://127.0.0.1:${port}/status`))?.value?.ready === true,
  });
}

async function fetchJson(url) {
  const response = await fetch(url).catch(() => null);
  return response?.ok ? response.json() : null;
}

/** The first executable called `name` in PATH's directories. */
function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && existsSync(file)) return file;
  }
  return null;
}

// `node scripts/lib/webkit.mjs --run`: the suite alone (scripts/test.mjs runs it so, beside Playwright's).
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--run')) runWebKitSuite();
