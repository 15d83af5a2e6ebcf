// @ts-check
// Expressive Code's options for Starlight's code blocks. They live here rather
// than in astro.config.mjs because the `<Code>` component (which SourceCode and
// StageDiff render) can only load plugins from this file.
import { definePlugin, defineEcConfig } from '@astrojs/starlight/expressive-code';
import { getInlineStyles, toText } from '@astrojs/starlight/expressive-code/hast';
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

export default defineEcConfig({
  plugins: [
    pluginSpansThatDrawNothing(),
    // Long listings can fold their less important lines (SourceCode's `collapse`).
    pluginCollapsibleSections(),
  ],
});
