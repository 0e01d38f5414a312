import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normalizedPath } from '@cadenza/core';

/**
 * What the web build writes to `route-preloads.json` (web/vite.config.ts): a page's address, the
 * files it needs, and for a page whose heading is drawn before any script, its own index.html.
 */
const routePreloadsSchema = z.array(
  z.object({
    pattern: z.string().min(1),
    files: z.array(z.string().regex(/^\/assets\/[\w.-]+\.(js|css)$/, 'an /assets/ script or stylesheet')),
    html: z
      .string()
      .regex(/^pages\/[\w-]+\.html$/, 'a pages/ HTML file')
      .optional(),
  }),
);

/** How the API answers a page of the web app: which index.html, and what to preload with it. */
export interface RoutePage {
  /** The absolute path of the HTML file to send. */
  htmlFile: string;
  /** The `Link` header to send with it, if the page has chunks of its own. */
  link?: string;
}

/** One `Link` header value: the scripts as module preloads, the stylesheets as style preloads. */
export function linkHeaderFor(files: readonly string[]): string {
  return files
    .map((file) =>
      file.endsWith('.css')
        ? `<${file}>; rel=preload; as=style; crossorigin`
        : `<${file}>; rel=modulepreload; crossorigin`,
    )
    .join(', ');
}

/**
 * For an address of the web app, the HTML to send and its `Link` header. A page opened by its
 * address gets a header that has the browser fetch that page's chunks together with the main
 * bundle: a header rather than links added by a script, whose main-thread time a phone felt
 * (mobile Lighthouse, issues 7 and 8). A page with a heading of its own gets the index.html the
 * build wrote for it, which draws that heading before any script has run. Other addresses get
 * index.html alone. A malformed list, or one naming a missing file, is a broken build: it throws
 * at startup, naming the file.
 */
export function routePages(distDir: string): (pathname: string) => RoutePage {
  const indexHtml = path.join(distDir, 'index.html');
  const file = path.join(distDir, 'route-preloads.json');
  if (!existsSync(file)) return () => ({ htmlFile: indexHtml });
  const parsed = routePreloadsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a route preload list: ${parsed.error.issues[0]?.message}`);
  const routes = parsed.data.map((route) => {
    const htmlFile = route.html ? path.join(distDir, route.html) : indexHtml;
    if (route.html && !existsSync(htmlFile))
      throw new Error(`${file} names ${route.html}, which the build did not write`);
    return {
      pattern: new RegExp(route.pattern),
      page: { htmlFile, ...(route.files.length > 0 ? { link: linkHeaderFor(route.files) } : {}) },
    };
  });
  return (pathname) => {
    const address = normalizedPath(pathname);
    return routes.find((route) => route.pattern.test(address))?.page ?? { htmlFile: indexHtml };
  };
}
