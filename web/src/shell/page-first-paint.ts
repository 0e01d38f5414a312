// Imports only modules that import nothing: vite.config.ts runs it at build time.
import { SHORTCUTS_HINT } from '../designer/designer-shortcuts';
import type { DEEP_LINK_PAGES } from './deep-link-pages';

const BOOT_TEXT = '<p class="boot-text">Loading…</p>';

function plainText(text: string): string {
  if (/[<>&"']/.test(text)) throw new Error(`page first paint: the text "${text}" would need escaping`);
  return text;
}

/** A page's heading where the page draws it (index.html's .boot-page and .boot-title). */
export function headingFirstPaint(title: string): string {
  return `<div class="boot-page"><h1 class="boot-title">${plainText(title)}</h1></div>`;
}

/**
 * The designer's frame: its toolbar's first row, the palette, the canvas and the side panel with
 * the runs heading and the shortcuts line (index.html's .boot-designer rules). The line is the
 * page's largest text, as wide as the page's own; the page draws it only below the runs list and
 * the toolbar, which both depend on the flow, so it moves down when React takes over.
 */
export function designerFirstPaint(hint: string): string {
  return (
    '<div class="boot-designer"><div class="boot-designer-bar"></div><div class="boot-designer-body">' +
    '<div class="boot-designer-palette"></div><div class="boot-designer-canvas"></div>' +
    `<div class="boot-designer-panel"><h6 class="boot-subtitle">Runs</h6><p class="boot-caption">${plainText(hint)}</p></div>` +
    '</div></div>'
  );
}

type DeepLinkPage = (typeof DEEP_LINK_PAGES)[number];

/**
 * What a page's own index.html draws before any script, for the pages that have one. Each is the
 * page's largest text, which a throttled phone would otherwise paint only after some 250 KB of
 * compressed scripts are fetched and run (mobile Lighthouse's largest contentful paint).
 */
export function firstPaintOf(deepLink: DeepLinkPage): string | undefined {
  if ('title' in deepLink) return headingFirstPaint(deepLink.title);
  if (deepLink.page === 'designer') return designerFirstPaint(SHORTCUTS_HINT);
  return undefined;
}

/**
 * index.html with a page's first paint in place of its "Loading…" line. The build writes one such
 * file per page that has one; the API serves it for that page's address.
 */
export function withFirstPaint(indexHtml: string, markup: string): string {
  if (!indexHtml.includes(BOOT_TEXT)) throw new Error(`page first paint: index.html has no ${BOOT_TEXT}`);
  return indexHtml.replace(BOOT_TEXT, markup);
}
