import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { FORK_BASE, FORK_DIST } from '../../scripts/lib/fork-build.mjs';
import { readHeaderRules } from '../../scripts/lib/netlify-headers.mjs';

/** dist/_headers read back: each path line with the headers indented under it. */
function parseHeadersFile(text: string) {
  const rules: { for: string; values: Record<string, string> }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      rules.push({ for: line.trim(), values: {} });
      continue;
    }
    const colon = line.indexOf(':');
    rules.at(-1)!.values[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

// dist/ at `/`, and the fork build at its base (scripts/lib/fork-build.mjs), whose rules must all start with it.
for (const [dist, base] of [
  ['dist', '/'],
  [FORK_DIST, FORK_BASE],
]) {
  test(`${dist} has a _headers file that says exactly what netlify.toml says, for paths under ${base}`, () => {
    const written = parseHeadersFile(readFileSync(`${dist}/_headers`, 'utf8'));
    const source = readHeaderRules(base);
    expect(written.length).toBe(source.length);
    written.forEach((rule, index) => {
      expect(rule.for.startsWith(base), rule.for).toBe(true);
      expect(source[index].pattern.test(rule.for.replaceAll('*', 'anything/at/all'))).toBe(true);
      expect(rule.values).toEqual(source[index].values);
    });
    expect(written[0].values['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });
}
