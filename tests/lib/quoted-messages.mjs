// The project's own messages (errors, statuses, hints) as pages quote them:
// every string the demos' JavaScript and the crates' Rust can show, and every
// quote on a page that starts like one of them. A quote that starts like a
// message but no longer matches any is stale: the message was reworded.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = new URL('../..', import.meta.url).pathname;

/**
 * What an interpolation can put into a message: the literals in its
 * expression, and whether it is closed (a choice between literals only, like
 * `n === 1 ? '' : 's'`) or open (a variable, or `event.message || 'a default'`).
 * @typedef {{ literals: string[], closed: boolean }} Hole
 * @typedef {{ text: string, parts: string[], holes: Hole[], file: string }} Message
 */

/** Files under `dir` whose name passes `keep`, skipping built output. @param {string} dir @param {(name: string) => boolean} keep */
function filesUnder(dir, keep) {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !/[/\\](pkg|pkg-single|target|node_modules)[/\\]/.test(file));
}

/** `text` as a pattern that matches exactly it. @param {string} text */
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @param {string} text */
const words = (text) => text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];

/** Straight quotes and single spaces, edges kept. @param {string} text */
const plain = (text) => text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ');

/** Quotes compare without typography: curly quotes and runs of spaces. @param {string} text */
const normalise = (text) => plain(text).trim();

/**
 * A message of three words or more, from its literal parts and the holes
 * between them, or nothing.
 * @param {string[]} parts @param {Hole[]} holes @param {string} file
 * @returns {Message[]}
 */
function message(parts, holes, file) {
  if (words(parts.join(' ')).length < 3 || !parts.join(' ').includes(' ')) return [];
  // Spaces at a part's edge are kept: they stand between a part and a hole.
  const spaced = parts.map(plain);
  const text = spaced.reduce((joined, part) => `${joined}\${…}${part}`);
  return [{ text: text.trim(), parts: spaced, holes, file }];
}

/**
 * The literals an interpolated expression holds, and whether it can give
 * nothing else.
 * @param {ts.Expression} expression
 * @returns {Hole}
 */
function holeOf(expression) {
  const inner = ts.isParenthesizedExpression(expression) ? expression.expression : expression;
  if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return { literals: [inner.text], closed: true };
  if (ts.isConditionalExpression(inner)) {
    const [yes, no] = [holeOf(inner.whenTrue), holeOf(inner.whenFalse)];
    return { literals: [...yes.literals, ...no.literals], closed: yes.closed && no.closed };
  }
  /** @type {string[]} */
  const literals = [];
  const collect = (/** @type {ts.Node} */ node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.push(node.text);
    ts.forEachChild(node, collect);
  };
  collect(inner);
  return { literals, closed: false };
}

/**
 * The messages in a demo's JavaScript, parsed with TypeScript's parser, so
 * that a template's interpolations are known with the literals inside them.
 * @param {string} source @param {string} file
 * @returns {Message[]}
 */
export function scriptMessages(source, file) {
  /** @type {Message[]} */
  const found = [];
  const visit = (/** @type {ts.Node} */ node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(...message([node.text], [], file));
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      found.push(...message(parts, node.templateSpans.map((span) => holeOf(span.expression)), file));
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS));
  return found;
}

/**
 * The messages: the demos' HTML text, their JavaScript's string and template
 * literals, and the crates' Rust strings (each `{…}` of a format string an
 * open hole), all of three words or more.
 * @returns {Message[]}
 */
export function projectMessages() {
  /** @type {Message[]} */
  const messages = [];
  const relative = (/** @type {string} */ file) => path.relative(root, file);
  // The demos' HTML: the text between tags (initial statuses, hints).
  for (const file of filesUnder('demos', (name) => name.endsWith('.html'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/>([^<>]*[a-z][^<>]*)</g)) messages.push(...message([normalise(match[1])], [], relative(file)));
  }
  for (const file of filesUnder('demos', (name) => name.endsWith('.js'))) messages.push(...scriptMessages(readFileSync(file, 'utf8'), relative(file)));
  for (const file of filesUnder('rust', (name) => name.endsWith('.rs'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
      const text = match[1].replace(/\\\n\s*/g, '').replace(/\\(.)/g, '$1');
      const parts = text.split(/\{[a-z_:?.0-9]*\}/);
      messages.push(...message(parts, parts.slice(1).map(() => ({ literals: [], closed: false })), relative(file)));
    }
  }
  return messages;
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
 * @param {Message[]} messages @param {{ page: string, quote: string }[]} quotes
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
    if (like.some((message) => quotesMessage(message, quote, messages))) continue;
    stale.push({ page, quote, like: like[0].text, file: like[0].file });
  }
  return stale;
}

/**
 * Whether `quote` is `message`, or a part of it. A closed interpolation must
 * be one of its literals. What an open one stands for on the page is free,
 * unless it reads as a sentence (three words or more): that must then be one
 * of the interpolation's own literals or a plain string of the same file (what
 * a variable there is given), so that a reworded default
 * (`event.message || 'its script did not load'`) fails too.
 * Failing that, a page's `N` or `…` stands for whatever the code fills in.
 * @param {Message} message @param {string} quote @param {Message[]} messages @param {number} [depth]
 */
function quotesMessage(message, quote, messages, depth = 0) {
  const last = message.holes.length - 1;
  const pattern = message.parts
    .map((part, index) => {
      if (index === 0) return escaped(part.trimStart());
      const hole = message.holes[index - 1];
      // A hole at the very end takes the rest of the quote, to be checked.
      const rest = index - 1 === last && part.trim() === '' ? '(.*)$' : '(.*?)';
      const group = hole.closed ? `(${hole.literals.map((literal) => escaped(normalise(literal))).join('|')})` : rest;
      return `${group}${escaped(index === message.parts.length - 1 ? part.trimEnd() : part)}`;
    })
    .join('');
  const match = new RegExp(pattern.replace(/ /g, ' ?')).exec(quote);
  if (match) {
    const filled = message.holes.every((hole, index) => hole.closed || fillsOpenHole(hole, (match[index + 1] ?? '').trim(), messages, message, depth));
    if (filled) return true;
  }
  const template = normalise(message.parts.join('\u0000'));
  const pieces = quote.split(/\bN\b|…|\.\.\./).map((piece) => escaped(piece));
  const flexible = pieces.join('.*?').replace(/\d+/g, '(?:\\d+|\u0000)');
  return new RegExp(flexible.replace(/\s+/g, ' ')).test(template) || new RegExp(pieces.join('.*?')).test(template.replace(/\u0000/g, ''));
}

/**
 * Whether `text`, quoted where an open interpolation of `message` stands, may
 * be there: anything short, or a sentence that the code itself has, in the
 * hole's own literals or in another message of the same file.
 * @param {Hole} hole @param {string} text @param {Message[]} messages @param {Message} message @param {number} depth
 */
function fillsOpenHole(hole, text, messages, message, depth) {
  const sentence = text.replace(/[.!?:;,]+$/, '');
  if (words(sentence).length < 3) return true;
  if (hole.literals.some((literal) => normalise(literal).replace(/[.!?:;,]+$/, '') === sentence)) return true;
  // One level down is enough for the messages there are: a template filled with a template.
  return depth < 2 && messages.some((other) => other !== message && other.file === message.file && quotesMessage(other, sentence, messages, depth + 1));
}
