// Starlight renders the buttons of a page's hero (`hero.actions` in the frontmatter of
// index.mdx and 404.mdx) with their links as written. This puts Astro's `base` in
// front of the site paths among them, as the Markdown links get it (site/markdown/).
// Starlight hands each page its own copy of the route data, so changing it here is safe.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { withBase } from '../../scripts/lib/base-path.mjs';

export const onRequest = defineRouteMiddleware(({ locals }) => {
  for (const action of locals.starlightRoute.entry.data.hero?.actions ?? []) {
    action.link = withBase(action.link, import.meta.env.BASE_URL);
  }
});
