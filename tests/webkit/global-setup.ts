// Runs once around every file of the WebKit suite (node --test --test-global-setup,
// see webkitSuiteArgs in scripts/lib/webkit.mjs): the two test servers on dist/,
// as the Playwright suite has them, and one WebKitWebDriver. Then it ends them.
import { startSiteServer, startWebKitDriver, webkitPorts } from '../../scripts/lib/webkit.mjs';

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
