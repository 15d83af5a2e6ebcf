// @ts-check
// Expressive Code's options for Starlight's code blocks. They live here rather
// than in astro.config.mjs because the `<Code>` component (which SourceCode and
// StageDiff render) can only load plugins from this file.
import { definePlugin, defineEcConfig } from '@astrojs/starlight/expressive-code';
import { getInlineStyles, setInlineStyle, toText } from '@astrojs/starlight/expressive-code/hast';
import { pluginCollapsibleSections } from '@expressive-code/plugin-collapsible-sections';

/** @typedef {import('@astrojs/starlight/expressive-code/hast').Element} Element */

/**
 * Drops the spans that draw nothing: tokens in the code's own colour (every
 * theme's `codeForeground`, which the line already has), runs of spaces that
 * are only coloured, and the indent wrappers of a listing that does not wrap
 * (Expressive Code styles them only in wrapping ones). The stage pages'
 * listings held over a thousand of them, and a phone pays for every element
 * while the page loads: parsing it, styling it, and walking past it in
 * Starlight's table of contents, whose `:has()` selectors search every listing.
 */
function pluginSpansThatDrawNothing() {
  return definePlugin({
    name: 'Spans that draw nothing',
    hooks: {
      postprocessRenderedLine({ codeBlock, renderData, styleVariants }) {
        const plain = styleVariants.map((variant) => variant.resolvedStyleSettings.get('codeForeground')?.toLowerCase());
        /** A span whose only property is a colour per theme. @param {Element} span */
        const onlyColours = (span) => {
          if (span.tagName !== 'span' || Object.keys(span.properties).join() !== 'style') return undefined;
          const styles = getInlineStyles(span);
          const colours = [...styles].filter(([name]) => /^--\d+$/.test(name));
          return colours.length === styles.size ? colours : undefined;
        };
        /** @param {Element} span */
        const drawsNothing = (span) => {
          if (!codeBlock.props.wrap && span.tagName === 'span' && span.properties.className?.toString() === 'indent') return true;
          const colours = onlyColours(span);
          if (!colours) return false;
          if (toText(span).trim() === '') return true;
          return (
            colours.length === plain.length &&
            colours.every(([name, value]) => value.toLowerCase() === plain[Number(name.slice(2))])
          );
        };
        /** @param {Element} parent */
        const unwrap = (parent) => {
          parent.children = parent.children.flatMap((child) => {
            if (child.type !== 'element') return [child];
            unwrap(child);
            return drawsNothing(child) ? child.children : [child];
          });
        };
        unwrap(renderData.lineAst);
      },
    },
  });
}

/**
 * Lets the browser skip a listing far from the viewport (site.css gives it
 * `content-visibility: auto`), without breaking what that skipping would:
 *
 * - Its size while skipped: the listing carries its number of visible lines
 *   (`--visible-lines`, a folded section counting as its one summary line), from
 *   which site.css estimates its height, so that a jump to a heading below
 *   many unseen listings lands on the heading.
 * - The tab order: Expressive Code makes a listing focusable only once its
 *   ResizeObserver sees it overflow, and that observer hears nothing of a
 *   skipped listing. So listings ship focusable; once one is laid out,
 *   Expressive Code's script removes the stop again if nothing in it scrolls.
 *
 * Wrapping listings are left alone: their height depends on the width.
 */
function pluginSkippableListings() {
  return definePlugin({
    name: 'Skippable listings',
    hooks: {
      postprocessRenderedBlockGroup({ renderData }) {
        let lines = 0;
        let wraps = false;
        /** @param {Element} node @param {boolean} folded inside a folded section, outside its summary */
        const visit = (node, folded) => {
          const classes = node.properties.className?.toString().split(' ') ?? [];
          if (node.tagName === 'pre') {
            wraps ||= classes.includes('wrap');
            Object.assign(node.properties, { tabIndex: 0, role: 'region' });
          }
          if (classes.includes('ec-line') && !folded) lines += 1;
          for (const child of node.children) {
            if (child.type !== 'element') continue;
            visit(child, node.tagName === 'details' ? child.tagName !== 'summary' : folded);
          }
        };
        visit(renderData.groupAst, false);
        if (wraps) return;
        renderData.groupAst.properties.dataSkippable = '';
        setInlineStyle(renderData.groupAst, '--visible-lines', String(lines));
      },
    },
  });
}

export default defineEcConfig({
  plugins: [
    pluginSpansThatDrawNothing(),
    pluginSkippableListings(),
    // Long listings can fold their less important lines (SourceCode's `collapse`).
    pluginCollapsibleSections(),
  ],
});
