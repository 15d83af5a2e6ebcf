// @ts-check
// Links written in the pages' Markdown as site paths, `[Troubleshooting](/troubleshooting/)`,
// get Astro's `base` in front, which Astro does not add to them: under `BASE_PATH=/my-fork/`
// that link becomes `/my-fork/troubleshooting/`. With the default base `/` nothing changes.
// A hast plugin for Sätteri, Astro's Markdown processor (astro.config.mjs adds it).
import { withBase } from '../../scripts/lib/base-path.mjs';

/**
 * @param {string} base the site's base, as normalizeBase returns it
 * @returns {import('satteri').HastPluginDefinition}
 */
export function baseLinks(base) {
  return {
    name: 'base-links',
    element: {
      filter: ['a'],
      visit(node, ctx) {
        const { href } = node.properties;
        if (typeof href === 'string' && href.startsWith('/')) ctx.setProperty(node, 'href', withBase(href, base));
      },
    },
  };
}
