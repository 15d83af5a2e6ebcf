import { defineConfig, devices, type Project } from '@playwright/test';
import { hasPlaywrightWebKit, launchSettings } from './scripts/lib/browsers.mjs';
import { FORK_BASE, FORK_DIST } from './scripts/lib/fork-build.mjs';

/**
 * The built site, served with netlify.toml's headers. TEST_PORT moves both
 * servers, so that two clones can run their tests side by side.
 */
export const SITE_PORT = Number(process.env.TEST_PORT ?? 4322);
/** The same build without the isolation headers: the negative control. */
export const UNISOLATED_PORT = SITE_PORT + 1;
/** The service-worker build (for hosts without headers), served without the isolation headers. */
export const SERVICE_WORKER_PORT = SITE_PORT + 2;
/** The Vite template (templates/vite), built and served by its own `vite preview`. (+3 is the dev copy's.) */
export const TEMPLATE_PORT = SITE_PORT + 4;
/** The fork build (a base path and the service worker), under its base, without the isolation headers. (+3 is the dev copy's, +4 the template's.) */
export const FORK_PORT = SITE_PORT + 5;

// Playwright's own browsers where installed; else Debian's, and Debian's
// Firefox ESR only through WebDriver BiDi (channel moz-firefox), which is why
// @playwright/test is pinned at exactly 1.64.1: newer versions fail on every Firefox ESR context.
const chromium: Project = {
  name: 'chromium',
  testIgnore: /(build|dev)\//,
  use: {
    ...devices['Desktop Chrome'],
    ...launchSettings('chromium'),
  },
};

const firefox: Project = {
  name: 'firefox',
  testIgnore: /(build|dev)\//,
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
  testIgnore: /(build|dev)\//,
  use: devices['Desktop Safari'],
};

const serve = (port: number, extra = '', root = 'dist') => ({
  command: `node scripts/serve.mjs --root ${root} --port ${port} ${extra}`,
  url: `http://localhost:${port}/`,
  reuseExistingServer: !process.env.CI,
  stdout: 'ignore' as const,
});

const withServiceWorker = (server: ReturnType<typeof serve>) => ({
  ...server,
  command: `node scripts/lib/isolation-sw.mjs dist .cache/dist-sw && ${server.command}`,
});

// Ready once it listens, not once `/` answers: `/` is outside its base, and
// where the fork build is missing its specs say so, rather than every test
// waiting here for a server that will never answer.
const serveFork = () => ({
  ...serve(FORK_PORT, `--no-isolation --base ${FORK_BASE}`, FORK_DIST),
  url: undefined,
  port: FORK_PORT,
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
  // The HTML report is what a fork's CI uploads when a test fails.
  reporter: [['list'], ['json', { outputFile: 'test-results/report.json' }], ['html', { open: 'never' }]],
  use: { baseURL: `http://localhost:${SITE_PORT}` },
  webServer: [
    serve(SITE_PORT),
    serve(UNISOLATED_PORT, '--no-isolation'),
    // The same build with the isolation service worker, as `ISOLATION=service-worker npm run build` makes it.
    withServiceWorker(serve(SERVICE_WORKER_PORT, '--no-isolation', '.cache/dist-sw')),
    // A reader's two commands in the template's folder, on stage 4's freshly built wasm.
    {
      ...serve(TEMPLATE_PORT),
      command: `cd templates/vite && npm run build && npm run preview -- --port ${TEMPLATE_PORT} --strictPort`,
    },
    // The build a fork deploys to GitHub Pages, as scripts/test.mjs makes it (scripts/lib/fork-build.mjs).
    serveFork(),
  ],
  projects: [
    // `npm start`'s rebuild on save, on a copy of the repository: a dev-server
    // feature, not a browser one, so one browser is enough. First, because its
    // one long test, run last, left the other worker idle for its last 11 s.
    { ...chromium, name: 'dev', testIgnore: undefined, testMatch: /dev\/.*\.spec\.ts/ },
    // Checks of the build output that need no browser.
    { name: 'build', testMatch: /build\/.*\.spec\.ts/ },
    chromium,
    firefox,
    ...(hasPlaywrightWebKit() ? [webkit] : []),
  ],
});
