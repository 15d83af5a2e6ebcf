// @ts-check
// Expressive Code's options for Starlight's code blocks. They live here rather
// than in astro.config.mjs because the `<Code>` component (which SourceCode and
// StageDiff render) can only load plugins from this file.
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { pluginCollapsibleSections } from '@expressive-code/plugin-collapsible-sections';

export default defineEcConfig({
  // Long listings can fold their less important lines (SourceCode's `collapse`).
  plugins: [pluginCollapsibleSections()],
});
