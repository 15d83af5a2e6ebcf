// What every file of the WebKit suite shares: a WebKit session through
// WebDriver, the two servers' addresses, and a check for uncaught errors.
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { Builder, By, type WebDriver } from 'selenium-webdriver';
import { webkitPorts } from '../../scripts/lib/webkit.mjs';

export const PORTS = webkitPorts();
/** dist/ with netlify.toml's headers (started by global-setup.ts). */
export const SITE = `http://localhost:${PORTS.site}`;
/** The same build without the isolation headers. */
export const UNISOLATED_SITE = `http://localhost:${PORTS.unisolated}`;

declare global {
  interface Window {
    webkitSuiteProblems?: string[];
  }
}

/**
 * Collects what would be an uncaught error in the page. WebDriver has no hook
 * that runs before a page's own scripts, so this is added once the page has
 * loaded (driver.get waits for the load event) and catches everything from
 * then on: every click and every run of a demo. Errors thrown while the page's
 * scripts first evaluated are not seen here; a demo that broke that way never
 * reaches the state each test waits for, so that test fails instead.
 */
function collectProblems() {
  if (window.webkitSuiteProblems) return;
  const problems: string[] = [];
  window.webkitSuiteProblems = problems;
  // In the capture phase this also sees an <img>, <script> or <link> that failed to load.
  addEventListener(
    'error',
    (event) => {
      const target = event.target as Partial<HTMLScriptElement & HTMLLinkElement> | null;
      problems.push(
        event instanceof ErrorEvent
          ? `uncaught: ${event.message}`
          : `failed to load: ${target?.src || target?.href || target?.tagName}`,
      );
    },
    true,
  );
  addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason;
    problems.push(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
  });
  document.addEventListener('securitypolicyviolation', (event) => {
    problems.push(`blocked by the CSP (${event.violatedDirective}): ${event.blockedURI}`);
  });
  // The page's own console.error calls (not the browser's messages, which WebDriver cannot read).
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    problems.push(`console.error: ${args.map(String).join(' ')}`);
    consoleError.apply(console, args);
  };
}

/** A WebKit browser session, and what the tests do with its page. */
export class WebKitPage {
  readonly #driverPort: number;
  #driver: WebDriver | undefined;

  constructor(driverPort: number) {
    this.#driverPort = driverPort;
  }

  get driver(): WebDriver {
    if (!this.#driver) throw new Error('no WebKit session: use webkitPage() at the top of the test file');
    return this.#driver;
  }

  async start() {
    // WebKitWebDriver opens its default browser (MiniBrowser) for any browserName it knows.
    this.#driver = await new Builder()
      .usingServer(`http://127.0.0.1:${this.#driverPort}`)
      .withCapabilities({ browserName: 'MiniBrowser' })
      .build();
  }

  async quit() {
    await this.#driver?.quit();
    this.#driver = undefined;
  }

  /** Loads `url` (after checking the page being left) and starts collecting its problems. */
  async open(url: string) {
    await this.assertNoProblems();
    await this.driver.get(url);
    await this.driver.executeScript(collectProblems);
  }

  /** Runs `fn` in the page and returns its result. */
  evaluate<T, A extends unknown[]>(fn: (...args: A) => T, ...args: A): Promise<Awaited<T>> {
    return this.driver.executeScript(fn, ...args);
  }

  /** Waits until `fn`, run in the page, returns something truthy, and returns that. */
  async waitFor<T, A extends unknown[]>(what: string, timeoutMs: number, fn: (...args: A) => T, ...args: A) {
    const value = await this.driver.wait(() => this.evaluate(fn, ...args), timeoutMs, `timed out waiting for ${what}`);
    return value as Exclude<Awaited<T>, false | 0 | '' | null | undefined>;
  }

  /**
   * Types into a field the way a person would, after emptying it. WebKit's
   * driver drops characters beyond the Basic Multilingual Plane (most emoji)
   * from sendKeys; those go in as an emoji picker puts them, as inserted text.
   */
  async type(selector: string, text: string) {
    const field = await this.find(selector);
    await field.clear();
    for (const run of text.match(/[\u{0}-\u{FFFF}]+|[^\u{0}-\u{FFFF}]+/gu) ?? []) {
      if (run.codePointAt(0)! <= 0xffff) await field.sendKeys(run);
      else await this.evaluate((insert: string) => document.execCommand('insertText', false, insert), run);
    }
    assert.equal(await field.getAttribute('value'), text, `the text typed into ${selector}`);
  }

  async click(selector: string) {
    await (await this.find(selector)).click();
  }

  /**
   * The element, scrolled to the middle of the window: WebKit's driver refuses
   * to click or clear an element below the fold (ElementNotInteractableError)
   * instead of scrolling to it first.
   */
  async find(selector: string) {
    const element = await this.driver.findElement(By.css(selector));
    await this.driver.executeScript((target: Element) => target.scrollIntoView({ block: 'center' }), element);
    return element;
  }

  async assertNoProblems() {
    if (!this.#driver) return;
    // Taken out, so that each problem fails one test only.
    const problems = await this.evaluate(() => window.webkitSuiteProblems?.splice(0) ?? []);
    assert.deepEqual(problems, [], 'uncaught errors in the page');
  }
}

/**
 * The page of a test file's WebKit session: opened before its first test,
 * checked for uncaught errors after each test, closed after the last.
 */
export function webkitPage(driverPort = PORTS.driver) {
  const page = new WebKitPage(driverPort);
  before(() => page.start());
  afterEach(() => page.assertNoProblems());
  after(() => page.quit());
  return page;
}

/**
 * The plain number a demo cell holds: its `data-value` where the markup has
 * one, else the first number in its text ("20,000,000 of 20,000,000").
 */
export async function numberIn(page: WebKitPage, selector: string): Promise<number> {
  const cell = await page.evaluate((css: string) => {
    const element = document.querySelector<HTMLElement>(css);
    return element && { value: element.dataset.value, text: element.textContent ?? '' };
  }, selector);
  assert.ok(cell, `${selector} is on the page`);
  const plain = cell.value ?? /\d[\d,]*/.exec(cell.text)?.[0].replaceAll(',', '');
  assert.ok(plain !== undefined && /^\d+$/.test(plain), `${selector} holds a number: "${cell.value ?? cell.text}"`);
  return Number(plain);
}
