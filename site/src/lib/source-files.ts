// The repository's real source files, read at build time, so every listing on
// the site is the code that is built and tested. Regions are marked in the
// files with `ANCHOR: name` and `ANCHOR_END: name` comments, as in mdBook.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fillConstants } from '../../../scripts/lib/stage-constants.mjs';

/** The text of a repository file, e.g. `rust/01-main-thread/src/lib.rs`, read when the page is built (in dev, rendered). */
export function readSource(file: string): string {
  // Astro runs from the repository's root (package.json's scripts).
  const full = path.resolve(file);
  if (!full.startsWith(process.cwd() + path.sep) || !existsSync(full)) {
    throw new Error(`No such source file in the repository: ${file}`);
  }
  return readFileSync(full, 'utf8');
}

const anchorLine = /^\s*(?:\/\/|#|<!--)\s*ANCHOR(?:_END)?:\s*[\w-]+.*$/;

/** The lines between `ANCHOR: region` and `ANCHOR_END: region`, without other anchors, dedented. */
export function readRegion(file: string, region?: string): string {
  const lines = readSource(file).split('\n');
  let selected = lines;
  if (region) {
    const start = lines.findIndex((line) => new RegExp(`ANCHOR:\\s*${region}\\b`).test(line));
    const end = lines.findIndex((line) => new RegExp(`ANCHOR_END:\\s*${region}\\b`).test(line));
    if (start === -1 || end <= start) throw new Error(`No region "${region}" in ${file}`);
    selected = lines.slice(start + 1, end);
  }
  selected = selected.filter((line) => !anchorLine.test(line));
  const indent = Math.min(...selected.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length));
  return selected
    .map((line) => line.slice(indent))
    .join('\n')
    .trim();
}

const languages: Record<string, string> = { rs: 'rust', js: 'js', mjs: 'js', ts: 'ts', html: 'html', toml: 'toml', yml: 'yaml' };

/** Expressive Code's language for a file, from its extension. */
export function languageOf(file: string): string {
  return languages[file.split('.').pop() ?? ''] ?? 'text';
}

/** The demo's markup: the `demo-markup` region of demos/<stage>/index.html, its constants filled in from its crate. */
export function demoMarkup(stage: string): string {
  return fillConstants(readRegion(`demos/${stage}/index.html`, 'demo-markup'), stage);
}
