// Reads the [[headers]] rules of netlify.toml, the one place our response
// headers are written down, and applies them the way Netlify does: every rule
// whose `for` pattern matches the path contributes its values.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { withBase } from './base-path.mjs';

const netlifyToml = new URL('../../netlify.toml', import.meta.url);

/** The headers that make a page cross-origin isolated (and that a negative control leaves out). */
export const ISOLATION_HEADERS = [
  'Cross-Origin-Opener-Policy',
  'Cross-Origin-Embedder-Policy',
  'Cross-Origin-Resource-Policy',
];

/**
 * netlify.toml's [[headers]] tables, each `for` path under `base` (a site built
 * for `/my-fork/` gets `/my-fork/*` where netlify.toml says `/*`).
 * @returns {{ for: string, values: Record<string, string> }[]}
 */
function readTables(base = '/') {
  const config = parse(readFileSync(netlifyToml, 'utf8'));
  const tables = /** @type {{ for: string, values: Record<string, string> }[]} */ (config.headers ?? []);
  return tables.map((rule) => ({ ...rule, for: withBase(rule.for, base) }));
}

/** @returns {{ pattern: RegExp, values: Record<string, string> }[]} */
export function readHeaderRules(base = '/') {
  return readTables(base).map((rule) => ({ pattern: splatToRegExp(rule.for), values: rule.values }));
}

/** Netlify's `*` matches any run of characters, slashes included. */
function splatToRegExp(pattern) {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

/**
 * The headers Netlify would send for `path`.
 * @param {string} path
 * @param {{ isolation?: boolean }} [options] isolation: false drops the isolation headers.
 */
export function headersFor(path, { isolation = true } = {}, rules = readHeaderRules()) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const rule of rules) {
    if (rule.pattern.test(path)) Object.assign(headers, rule.values);
  }
  if (!isolation) {
    for (const name of ISOLATION_HEADERS) delete headers[name];
  }
  return headers;
}

/** netlify.toml's [[headers]] as a `_headers` file (Cloudflare Pages, Netlify): a path line, then indented headers. */
export function headersFile(base = '/') {
  const blocks = readTables(base).map((rule) =>
    [rule.for, ...Object.entries(rule.values).map(([name, value]) => `  ${name}: ${value}`)].join('\n'),
  );
  return `# Generated from netlify.toml at build time (site/integrations/hosting.mjs): edit that file instead.\n${blocks.join('\n\n')}\n`;
}
