import { normalizedPath } from '@cadenza/core';
import { DEEP_LINK_PAGES } from './deep-link-pages';

/** A page the app preloads when opened by its address. */
export type DeepLink = { page: 'flows' } | { page: 'designer'; flowId: string } | { page: 'contacts' };

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
