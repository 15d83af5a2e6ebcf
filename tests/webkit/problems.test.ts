import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SITE, webkitPage } from './webkit.ts';

// The check that runs after every test of this suite must be able to fail:
// here each kind of problem it collects is caused on purpose, then taken out.
describe('the uncaught-error check, in WebKit', () => {
  const page = webkitPage();

  test('catches an uncaught error, an unhandled rejection, a CSP block and a console.error', async () => {
    await page.open(`${SITE}/`);
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('thrown on purpose');
      });
      void Promise.reject(new Error('rejected on purpose'));
      // The site's CSP allows no inline script that is not hashed.
      const script = document.createElement('script');
      script.textContent = 'void 0';
      document.body.append(script);
      console.error('logged on purpose');
    });
    const problems = await page.waitFor('four problems', 5_000, () => {
      const seen = window.webkitSuiteProblems ?? [];
      return seen.length >= 4 && seen.splice(0);
    });
    assert.deepEqual(problems.toSorted(), [
      'blocked by the CSP (script-src-elem): inline',
      'console.error: logged on purpose',
      'uncaught: Error: thrown on purpose',
      'unhandled rejection: rejected on purpose',
    ]);
  });
});
