import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normalizedPath } from '@cadenza/core';

/**
 * What the web build writes to `route-preloads.json` (web/vite.config.ts): a page's address, the
 * files it needs, and for a page that draws its largest text before any script, its own index.html.
 */
const RoutePreloadsSchema = z.array(
  z.object({
    pattern: z.string().min(1),
    files: z.array(z.string().regex(/^\/assets\/[\w.-]+\.(js|css)$/, 'an /assets/ script or stylesheet')),
    html: z
      .string()
      .regex(/^pages\/[\w-]+\.html$/, 'a pages/ HTML file')
      .optional(),
    data: z.array(z.string().regex(/^\/api\/v1\/[\w/$-]*$/, 'an /api/v1/ address')).default([]),
  }),
);

/** What an address's group may be to stand in a data address: an id, nothing a header could misread. */
const SAFE_SEGMENT = /^[\w-]+$/;

/** The page's data addresses for one address: `$n` replaced by its groups; none with an unsafe group. */
export function dataAddressesFor(templates: readonly string[], match: RegExpExecArray): string[] {
  return templates.flatMap((template) => {
    let safe = true;
    const address = template.replace(/\$(\d)/g, (_, group: string) => {
      const value = match[Number(group)] ?? '';
      safe &&= SAFE_SEGMENT.test(value);
      return value;
    });
    return safe ? [address] : [];
  });
}

/** How the API answers a page of the web app: which index.html, and what to preload with it. */
export interface RoutePage {
  /** The absolute path of the HTML file to send. */
  htmlFile: string;
  /** The `Link` header to send with it, if the page has chunks or reads of its own to preload. */
  link?: string;
}

/**
 * One `Link` header value: API reads as fetch preloads (with `crossorigin`, as the app's own
 * same-origin fetch is, or the browser would not hand it the answer), the scripts as module
 * preloads, the stylesheets as style preloads.
 */
export function linkHeaderFor(files: readonly string[], data: readonly string[] = []): string {
  return [
    ...data.map((address) => `<${address}>; rel=preload; as=fetch; crossorigin`),
    ...files.map((file) =>
      file.endsWith('.css')
        ? `<${file}>; rel=preload; as=style; crossorigin`
        : `<${file}>; rel=modulepreload; crossorigin`,
    ),
  ].join(', ');
}

/**
 * For an address of the web app, the HTML to send and its `Link` header. A page opened by its
 * address gets a header that has the browser fetch that page's chunks together with the main
 * bundle (a header rather than links added by a script, whose main-thread time a phone felt:
 * mobile Lighthouse, issues 7 and 8), and for a signed-in visit the API reads its first paint
 * waits for. `signedIn` is asked only for a page with such reads, so other addresses cost no
 * session lookup. A page with a first paint of its own gets the index.html the build wrote for it,
 * which draws its largest text before any script has run. Other addresses get index.html alone. A
 * malformed list, or one naming a missing file, is a broken build: it throws at startup, naming
 * the file.
 */
export function routePages(
  distDir: string,
): (pathname: string, signedIn: () => Promise<boolean>) => Promise<RoutePage> {
  const indexHtml = path.join(distDir, 'index.html');
  const file = path.join(distDir, 'route-preloads.json');
  if (!existsSync(file)) return async () => ({ htmlFile: indexHtml });
  const parsed = RoutePreloadsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a route preload list: ${parsed.error.issues[0]?.message}`);
  const routes = parsed.data.map((route) => {
    const htmlFile = route.html ? path.join(distDir, route.html) : indexHtml;
    if (route.html && !existsSync(htmlFile))
      throw new Error(`${file} names ${route.html}, which the build did not write`);
    return { ...route, pattern: new RegExp(route.pattern), htmlFile };
  });
  return async (pathname, signedIn) => {
    const address = normalizedPath(pathname);
    for (const route of routes) {
      const match = route.pattern.exec(address);
      if (!match) continue;
      const reads = route.data.length > 0 && (await signedIn()) ? dataAddressesFor(route.data, match) : [];
      const link = linkHeaderFor(route.files, reads);
      return { htmlFile: route.htmlFile, ...(link ? { link } : {}) };
    }
    return { htmlFile: indexHtml };
  };
}
