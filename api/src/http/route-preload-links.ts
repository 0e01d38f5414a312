import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normalizedPath } from '@cadenza/core';

/** What the web build writes to `route-preloads.json` (web/vite.config.ts): a page's address and the files it needs. */
const routePreloadsSchema = z.array(
  z.object({
    pattern: z.string().min(1),
    files: z.array(z.string().regex(/^\/assets\/[\w.-]+\.(js|css)$/, 'an /assets/ script or stylesheet')),
  }),
);

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
 * For a page of the web app opened by its address, the `Link` header that has the browser fetch
 * that page's chunks together with the main bundle (undefined for other addresses, or when the
 * build wrote no list). A header rather than links added by a script: a phone's main thread
 * spent tens of milliseconds adding them (mobile Lighthouse, issues 7 and 8). A malformed list is
 * a broken build: it throws at startup, naming the file.
 */
export function routePreloadLinks(distDir: string): (pathname: string) => string | undefined {
  const file = path.join(distDir, 'route-preloads.json');
  if (!existsSync(file)) return () => undefined;
  const parsed = routePreloadsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a route preload list: ${parsed.error.issues[0]?.message}`);
  const routes = parsed.data
    .filter((route) => route.files.length > 0)
    .map((route) => ({ pattern: new RegExp(route.pattern), header: linkHeaderFor(route.files) }));
  return (pathname) => {
    const address = normalizedPath(pathname);
    return routes.find((route) => route.pattern.test(address))?.header;
  };
}
