// Which browsers the tests drive: Playwright's own where `npx playwright install`
// has put them (the usual laptop), else Debian's chromium and firefox-esr (our
// machines, which cannot download Playwright's).
import { existsSync } from 'node:fs';
import { chromium, firefox, webkit } from '@playwright/test';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const DEBIAN_FIREFOX = '/usr/lib/firefox-esr/firefox-esr';

/** @typedef {{ source: 'playwright' | 'debian', executablePath: string }} Browser */

/** @returns {{ chromium: Browser | null, firefox: Browser | null }} */
export function findBrowsers() {
  return {
    chromium: pick(chromium.executablePath(), DEBIAN_CHROMIUM),
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
