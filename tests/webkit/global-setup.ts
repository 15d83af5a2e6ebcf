// Runs once around every file of the WebKit suite: the two test servers on dist/,
// as the Playwright suite has them, and one WebKitWebDriver; then it ends them.
// `npm test` runs the suite after Playwright (runWebKitSuite in scripts/lib/webkit.mjs);
// by hand, after `npx astro build`:
//
//   node --test --test-concurrency=1 --test-global-setup=tests/webkit/global-setup.ts 'tests/webkit/*.test.ts'
import { startSiteServer } from '../../scripts/lib/processes.mjs';
import { startWebKitDriver, webkitPorts } from '../../scripts/lib/webkit.mjs';

let stops: (() => Promise<void>)[] = [];

export async function globalSetup() {
  const ports = webkitPorts();
  const started = await Promise.allSettled([
    startSiteServer(ports.site),
    startSiteServer(ports.unisolated, { isolation: false }),
    startWebKitDriver(ports.driver),
  ]);
  stops = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await globalTeardown();
    throw failure.reason;
  }
}

export async function globalTeardown() {
  await Promise.all(stops.map((stop) => stop()));
}
