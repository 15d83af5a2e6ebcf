// @ts-check
// What every reproduction reports, and the one place it is put on the page.
import { said } from './threads.js';

/**
 * @typedef {object} Result
 * @property {string} state a short name for what happened, e.g. "waits-for-ever" (the panel's data-state)
 * @property {string} headline what happened, in one sentence
 * @property {string[]} said what the browser or Rust said, word for word, line by line
 * @property {string} why
 * @property {{ text: string, stage: keyof typeof STAGE_PAGES }} fix the way out, and the stage that does it right: the text leads into that stage's name (“… as” stage 4.)
 */

/** The tutorial pages a fix links to, from this file's own URL (so under any base path). */
const STAGE_PAGES = {
  '03-shared-memory': new URL('../../stages/03-shared-memory/', import.meta.url).pathname,
  '04-thread-pool': new URL('../../stages/04-thread-pool/', import.meta.url).pathname,
};

/** The parts of a result panel, made the first time it is shown. @param {HTMLElement} panel */
function parts(panel) {
  if (!panel.firstElementChild) {
    const headline = Object.assign(document.createElement('p'), { className: 'result-headline' });
    headline.dataset.headline = '';
    const list = document.createElement('dl');
    for (const [name, label] of [['said', 'What the browser and Rust said'], ['why', 'Why'], ['fix', 'The fix']]) {
      const value = document.createElement(name === 'said' ? 'pre' : 'dd');
      value.dataset[name] = '';
      list.append(Object.assign(document.createElement('dt'), { textContent: label }), name === 'said' ? wrap(value) : value);
    }
    panel.append(headline, list);
  }
  return (/** @type {string} */ name) => /** @type {HTMLElement} */ (panel.querySelector(`[data-${name}]`));
}

/** A <pre> inside its <dd>. @param {HTMLElement} pre */
function wrap(pre) {
  const dd = document.createElement('dd');
  dd.append(pre);
  return dd;
}

/**
 * Fills a reproduction's result panel.
 * @param {HTMLElement} panel the `[data-result]` element
 * @param {Result} result
 */
export function showResult(panel, result) {
  panel.hidden = false;
  panel.dataset.state = result.state;
  const part = parts(panel);
  part('headline').textContent = result.headline;
  part('said').textContent = result.said.join('\n');
  part('why').textContent = result.why;
  const link = document.createElement('a');
  link.href = STAGE_PAGES[result.fix.stage];
  link.textContent = `stage ${Number(result.fix.stage.slice(0, 2))}`;
  part('fix').replaceChildren(`${result.fix.text} `, link, '.');
}

/** The panel while its reproduction runs. @param {HTMLElement} panel */
export function showRunning(panel) {
  panel.hidden = false;
  panel.dataset.state = 'running';
  const part = parts(panel);
  for (const name of ['said', 'why', 'fix']) part(name).textContent = '';
  part('headline').textContent = 'Running…';
}

/** A worker that could not start, or answer: nothing was reproduced. @param {import('./threads.js').Answer} answer @returns {Result} */
export const didNotStart = (answer) => ({
  state: 'no-start',
  headline: 'A worker could not start.',
  said: [said(answer)],
  why: 'The module did not instantiate in a worker, or the worker did not answer, so nothing was reproduced.',
  fix: { text: 'Check that this browser can run the threads of', stage: '03-shared-memory' },
});
