// @ts-check
// The path the site is served under: `/` by default, or a prefix such as
// `/my-fork/` where a host serves it in a folder (GitHub Pages serves a project
// repository at https://<user>.github.io/<repository>/). `BASE_PATH=/my-fork/
// npm run build` sets it (astro.config.mjs); the test server takes `--base`.

/** `value` with one leading and one trailing slash, the form every caller here expects: `my-fork` → `/my-fork/`. */
export function normalizeBase(value = '/') {
  const inner = value.replace(/^\/+|\/+$/g, '');
  return inner ? `/${inner}/` : '/';
}

/**
 * A site path (`/troubleshooting/`) under `base` (`/my-fork/troubleshooting/`).
 * Anything else is returned as it is: `#anchor`, `./relative`, `//host/…`, `https://…`.
 * @param {string} href
 * @param {string} base as normalizeBase returns it
 */
export function withBase(href, base) {
  if (!href.startsWith('/') || href.startsWith('//')) return href;
  return base + href.slice(1);
}
