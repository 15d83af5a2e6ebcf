// Pages quote the demos' messages (errors, statuses, hints); a reworded
// message must fail here rather than leave a page quoting the old words.
// Every .mdx page is scanned, so pages added later are covered too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageQuotes, projectMessages, scriptMessages, staleQuotes } from '../lib/quoted-messages.mjs';

test('every project message a page quotes is what the code says today', () => {
  const stale = staleQuotes();
  assert.deepEqual(
    stale.map(({ page, quote, like, file }) => `${page}: “${quote}” — ${file} now says “${like}”`),
    [],
  );
});

test('a quote of a reworded message is found stale', () => {
  const messages = projectMessages();
  const status = messages.find((message) => message.text === 'Loading the wasm module…');
  assert.ok(status, 'the demos’ initial status is among the messages');
  const quotes = [
    { page: 'a.mdx', quote: 'Loading the wasm module…' },
    { page: 'b.mdx', quote: 'Loading the wasm file, please wait…' },
  ];
  assert.deepEqual(staleQuotes(messages, quotes).map((stale) => stale.page), ['b.mdx']);
  assert.ok(pageQuotes().length > 50, 'the pages’ quotes are read');
});

test('a sentence a page quotes from inside an interpolation must still be in the code', () => {
  const script = (fallback: string) => `
    const why = event.message || '${fallback}';
    show(\`worker-\${index} could not start: \${why}\`);
    show(\`Rendering the image on \${threads} thread\${threads === 1 ? '' : 's'}…\`);`;
  const quotes = [
    { page: 'default.mdx', quote: 'worker-0 could not start: its script did not load' },
    { page: 'browser.mdx', quote: 'worker-0 could not start: 404' },
    { page: 'plural.mdx', quote: 'Rendering the image on 2 threads…' },
    { page: 'misspelt.mdx', quote: 'Rendering the image on 2 threadz…' },
  ];
  const stalePages = (fallback: string) => staleQuotes(scriptMessages(script(fallback), 'demo.js'), quotes).map((stale) => stale.page);
  assert.deepEqual(stalePages('its script did not load'), ['misspelt.mdx']);
  assert.deepEqual(stalePages('its script could not be fetched'), ['default.mdx', 'misspelt.mdx']);
});
