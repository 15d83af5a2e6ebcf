// Which browsers the tests drive: Playwright's own where `npx playwright install`
// has put them (the usual laptop), else Debian's chromium and firefox-esr (our
// machines, which cannot download Playwright's).
import { existsSync } from 'node:fs';
import { chromium, firefox, webkit } from '@playwright/test';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/**
 * Debian's Chromium headless shell: the same Blink, without the full browser
 * around it, as Playwright itself runs its own Chromium headless. The tests
 * take about 40 % less CPU in it (this machine: 19 s of user time instead of
 * 31 s for four specs), and our machines have two cores.
 */
export const DEBIAN_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const DEBIAN_FIREFOX = '/usr/lib/firefox-esr/firefox-esr';

/** @typedef {{ source: 'playwright' | 'debian', executablePath: string }} Browser */

/** The browsers the tests drive. @returns {{ chromium: Browser | null, firefox: Browser | null }} */
export function findBrowsers() {
  return {
    chromium: pick(chromium.executablePath(), existsSync(DEBIAN_HEADLESS_SHELL) ? DEBIAN_HEADLESS_SHELL : DEBIAN_CHROMIUM),
    firefox: pick(firefox.executablePath(), DEBIAN_FIREFOX),
  };
}

/**
 * Whether `npx playwright install webkit` has put Playwright's own WebKit here.
 * It has no Debian stand-in that Playwright can drive: where it is missing,
 * tests/webkit/ drives Debian's WebKitGTK through WebDriver instead.
 */
export const hasPlaywrightWebKit = () => existsSync(webkit.executablePath());

function pick(playwrightPath, debianPath) {
  if (existsSync(playwrightPath)) return { source: 'playwright', executablePath: playwrightPath };
  if (existsSync(debianPath)) return { source: 'debian', executablePath: debianPath };
  return null;
}

/**
 * How Playwright should launch `name`: nothing special for its own browsers;
 * for Debian's, the executable and, for Firefox ESR, WebDriver BiDi.
 * @param {'chromium' | 'firefox'} name
 * @returns {{ channel?: string, launchOptions?: { executablePath: string } }}
 */
export function launchSettings(name, found = findBrowsers()[name]) {
  if (found?.source !== 'debian') return {};
  const launchOptions = { executablePath: found.executablePath };
  return name === 'firefox' ? { channel: 'moz-firefox', launchOptions } : { launchOptions };
}

/** A full Chromium, for Lighthouse, which drives a browser window (`--headless=new`), not the headless shell. */
export const fullChromium = () => pick(chromium.executablePath(), DEBIAN_CHROMIUM);
