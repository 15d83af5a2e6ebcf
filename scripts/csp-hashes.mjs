// Prints the sha256 sources of every inline <script> in the built site (dist/):
// the list that netlify.toml's Content-Security-Policy must carry. A test
// compares the two; after a Starlight upgrade, run `node scripts/csp-hashes.mjs`
// and paste what it prints into netlify.toml.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The distinct `'sha256-…'` sources of the inline scripts in the HTML files under `dir`. */
export function inlineScriptHashes(dir = 'dist') {
  const hashes = new Set();
  for (const file of readdirSync(dir, { recursive: true })) {
    if (!String(file).endsWith('.html')) continue;
    const html = readFileSync(path.join(dir, String(file)), 'utf8');
    for (const [, body] of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      hashes.add(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    }
  }
  return [...hashes].sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(inlineScriptHashes(process.argv[2]).join(' '));
}
