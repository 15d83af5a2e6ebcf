// The pages of the built site, found in dist/ rather than listed by hand, so a
// new page is checked and measured without anyone remembering to add it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The route of every page in `dist`: each index.html as its folder, and the 404 page. */
export function builtPages(dist = 'dist') {
  const pages = readdirSync(dist, { recursive: true })
    .map(String)
    .filter((file) => path.basename(file) === 'index.html')
    .map((file) => `/${file.slice(0, -'index.html'.length)}`);
  if (existsSync(path.join(dist, '404.html'))) pages.push('/404.html');
  return pages.sort();
}
