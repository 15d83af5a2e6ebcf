import { defineConfig, devices, type Project } from '@playwright/test';
import { hasPlaywrightWebKit, launchSettings } from './scripts/lib/browsers.mjs';

/**
 * The built site, served with netlify.toml's headers. TEST_PORT moves both
 * servers, so that two clones can run their tests side by side.
 */
export const SITE_PORT = Number(process.env.TEST_PORT ?? 4322);
/** The same build without the isolation headers: the negative control. */
export const UNISOLATED_PORT = SITE_PORT + 1;

// Playwright's own browsers where installed; else Debian's, and Debian's
// Firefox ESR only through WebDriver BiDi (channel moz-firefox), which is why
// @playwright/test is pinned at exactly 1.64.1 (see ../shared/TOOLCHAIN.md).
const chromium: Project = {
  name: 'chromium',
  testIgnore: /build\//,
  use: {
    ...devices['Desktop Chrome'],
    ...launchSettings('chromium'),
  },
};

const firefox: Project = {
  name: 'firefox',
  testIgnore: /build\//,
  use: {
    ...devices['Desktop Firefox'],
    ...launchSettings('firefox'),
  },
};

// Playwright's own WebKit only (a laptop, a fork's CI): Debian has none that
// Playwright can drive. Where it is missing, tests/webkit/ drives Debian's
// WebKitGTK through WebDriver instead (scripts/test.mjs runs it).
const webkit: Project = {
  name: 'webkit',
  testIgnore: /build\//,
  use: devices['Desktop Safari'],
};

const serve = (port: number, extra = '') => ({
  command: `node scripts/serve.mjs --root dist --port ${port} ${extra}`,
  url: `http://localhost:${port}/`,
  reuseExistingServer: !process.env.CI,
  stdout: 'ignore' as const,
});

export default defineConfig({
  testDir: 'tests',
  // Not *.test.ts: those are tests/webkit/'s, for Node's own test runner.
  testMatch: '**/*.spec.ts',
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores: stage 3 already runs up to 16 threads per test.
  workers: 2,
  // The JSON report lets scripts/test.mjs print one closing line with the counts.
  reporter: [['list'], ['json', { outputFile: 'test-results/report.json' }]],
  use: { baseURL: `http://localhost:${SITE_PORT}` },
  webServer: [serve(SITE_PORT), serve(UNISOLATED_PORT, '--no-isolation')],
  projects: [
    // Checks of the build output that need no browser.
    { name: 'build', testMatch: /build\/.*\.spec\.ts/ },
    chromium,
    firefox,
    ...(hasPlaywrightWebKit() ? [webkit] : []),
  ],
});
