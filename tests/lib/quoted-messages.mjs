// The project's own messages (errors, statuses, hints) as pages quote them:
// every string the demos' JavaScript and the crates' Rust can show, and every
// quote on a page that starts like one of them. A quote that starts like a
// message but no longer matches any is stale: the message was reworded.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** Files under `dir` whose name passes `keep`, skipping built output. */
function filesUnder(dir, keep) {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !/[/\\](pkg|pkg-single|target|node_modules)[/\\]/.test(file));
}

/** `text` as a pattern that matches exactly it. */
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const words = (text) => text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];

/**
 * The messages: string and template literals of three words or more, each as
 * a pattern where an interpolation (`${…}`, Rust's `{}`) matches anything.
 * @returns {{ text: string, pattern: RegExp, file: string }[]}
 */
export function projectMessages() {
  const sources = [...filesUnder('demos', (name) => name.endsWith('.js')), ...filesUnder('rust', (name) => name.endsWith('.rs'))];
  const messages = [];
  // The demos' HTML: the text between tags (initial statuses, hints).
  for (const file of filesUnder('demos', (name) => name.endsWith('.html'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/>([^<>]*[a-z][^<>]*)</g)) {
      const text = normalise(match[1]);
      if (words(text).length < 3) continue;
      messages.push({ text, pattern: new RegExp(escaped(text)), file: path.relative(root, file) });
    }
  }
  for (const file of sources) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(["'`])((?:[^\\\n]|\\.|\\\n)*?)\1/g)) {
      const text = match[2].replace(/\\\n\s*/g, '').replace(/\\(.)/g, '$1');
      if (!text.includes(' ') || words(text.replace(/\$\{[^}]*\}|\{[^}]*\}/g, ' ')).length < 3) continue;
      const parts = text.split(/\$\{[^}]*\}|\{\}|\{[a-z_:?]*\}/);
      const pattern = new RegExp(parts.map((part) => escaped(normalise(part))).join('.*?'));
      messages.push({ text, pattern, file: path.relative(root, file) });
    }
  }
  return messages;
}

/** Quotes compare without typography: curly quotes and runs of spaces. */
function normalise(text) {
  return text
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Every inline-code or double-quoted span on the pages, with the page it is on.
 * @returns {{ page: string, quote: string }[]}
 */
export function pageQuotes() {
  return filesUnder('site/src/content/docs', (name) => name.endsWith('.mdx')).flatMap((file) => {
    const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
    const spans = [...text.matchAll(/`([^`\n]+)`|"([^"\n]{12,})"|“([^”]{12,})”/g)].map((match) => match[1] ?? match[2] ?? match[3]);
    return spans.map((quote) => ({ page: path.relative(root, file), quote: normalise(quote) }));
  });
}

/**
 * The quotes that start like a project message (their first three words are
 * in a message, in order) and match none: each with the message it resembles.
 */
export function staleQuotes(messages = projectMessages(), quotes = pageQuotes()) {
  const stale = [];
  for (const { page, quote } of quotes) {
    // Sentences only: paths, commands and identifiers are checked elsewhere.
    if (quote.split(' ').length < 4 || /(^|\s)--?\w|[({]/.test(quote)) continue;
    // Three words in a row from its first five, as a message has them (a
    // number on the page may be an interpolation in the code).
    const head = words(quote).slice(0, 5);
    const openings = [0, 1, 2].map((start) => head.slice(start, start + 3)).filter((three) => three.length === 3 && three.filter((word) => word.length > 3).length >= 2);
    const like = messages.filter((message) => openings.some((three) => ` ${words(message.text).join(' ')} `.includes(` ${three.join(' ')} `)));
    if (like.length === 0) continue;
    if (like.some((message) => quotesMessage(message, quote))) continue;
    stale.push({ page, quote, like: like[0].text, file: like[0].file });
  }
  return stale;
}

/**
 * Whether `quote` is `message`, or a part of it: a page's `N` or `…` stands
 * for whatever the code fills in, and so does the code's interpolation.
 */
function quotesMessage(message, quote) {
  if (message.pattern.test(quote)) return true;
  const filled = normalise(message.text.replace(/\$\{[^}]*\}|\{[a-z_:?]*\}/g, '\u0000'));
  const pieces = quote.split(/\bN\b|…|\.\.\./).map((piece) => escaped(piece));
  const flexible = pieces.join('.*?').replace(/\d+/g, '(?:\\d+|\u0000)');
  return new RegExp(flexible.replace(/\s+/g, ' ')).test(filled) || new RegExp(pieces.join('.*?')).test(filled.replace(/\u0000/g, ''));
}
