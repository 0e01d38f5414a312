// Imports nothing: vite.config.ts runs it at build time.

const BOOT_TEXT = '<p class="boot-text">Loading…</p>';

/**
 * index.html with a page's heading in place of its "Loading…" line, drawn where the page draws it
 * (index.html's .boot-page and .boot-title) before any script has run. The build writes one such
 * file per page of deep-link-pages.ts with a title; the API serves it for that page's address.
 */
export function withPageTitle(indexHtml: string, title: string): string {
  if (!indexHtml.includes(BOOT_TEXT)) throw new Error(`page first paint: index.html has no ${BOOT_TEXT}`);
  if (/[<>&"']/.test(title)) throw new Error(`page first paint: the title "${title}" would need escaping`);
  return indexHtml.replace(BOOT_TEXT, `<div class="boot-page"><h1 class="boot-title">${title}</h1></div>`);
}
