// @ts-check
// The second build the tests make (scripts/test.mjs): the site as a fork on GitHub
// Pages gets it from .github/workflows/pages.yml, under a base path and with the
// isolation service worker, written beside dist/ so that both can be served at once.
export const FORK_BASE = '/fork/';
export const FORK_DIST = '.cache/dist-fork';

/** What `astro build` needs in its environment to make it (astro.config.mjs reads BASE_PATH and OUT_DIR). */
export const FORK_BUILD_ENV = { BASE_PATH: FORK_BASE, ISOLATION: 'service-worker', OUT_DIR: FORK_DIST };

/** The same as one shell command, for a message to whoever runs a spec without it. */
export const FORK_BUILD_COMMAND = `${Object.entries(FORK_BUILD_ENV)
  .map(([name, value]) => `${name}=${value}`)
  .join(' ')} npx astro build`;
