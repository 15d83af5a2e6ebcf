// Where actionlint is: on PATH, or where `go install` puts it ($GOBIN, else
// $GOPATH/bin), which is often not on PATH.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { output } from './run.mjs';

export const ACTIONLINT_VERSION = 'v1.7.12';

/** The actionlint executable to run, or null when there is none. */
export function findActionlint() {
  if (output('actionlint', ['-version'])) return 'actionlint';
  const gobin = output('go', ['env', 'GOBIN']) || path.join(output('go', ['env', 'GOPATH']) ?? '', 'bin');
  const installed = path.join(gobin, 'actionlint');
  return gobin && existsSync(installed) ? installed : null;
}
