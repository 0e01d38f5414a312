/** A page the app preloads when opened by its address. */
export type DeepLink = { page: 'flows' } | { page: 'designer'; flowId: string } | { page: 'contacts' };

/**
 * The pages worth preloading (the flow list, which `/` redirects to, the designer and the contacts
 * list): the address each answers and the module its route loads. With `fromHtml`, the build has
 * index.html start the page's chunk downloads at once (vite.config.ts); the others start once the
 * main bundle runs. Not for contacts: its largest paint is the shell's model chip, and on a slow
 * phone link its chunks would take bandwidth the main bundle needs first (measured: about six
 * points of mobile Lighthouse lost with it).
 */
export const DEEP_LINK_PAGES = [
  { page: 'flows', pattern: /^\/(flows)?$/, module: 'src/flows/flow-list-page.tsx', fromHtml: true },
  { page: 'designer', pattern: /^\/flows\/([^/]+)$/, module: 'src/designer/designer-page.tsx', fromHtml: true },
  { page: 'contacts', pattern: /^\/contacts$/, module: 'src/contacts/contacts-page.tsx', fromHtml: true },
] as const;

/** The path without trailing slashes (`/` stays `/`). Also runs in index.html's preload script: plain JS only. */
export function normalizedPath(pathname: string): string {
  return pathname.replace(/\/+$/, '') || '/';
}

/** Which preloadable page an address opens; null for the others. */
export function deepLinkOf(pathname: string): DeepLink | null {
  const path = normalizedPath(pathname);
  for (const { page, pattern } of DEEP_LINK_PAGES) {
    const match = pattern.exec(path);
    if (!match) continue;
    return page === 'designer' ? { page, flowId: decodeURIComponent(match[1]!) } : { page };
  }
  return null;
}
