import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS_HINT } from '../designer/designer-shortcuts';
import { DEEP_LINK_PAGES } from './deep-link-pages';
import { designerFirstPaint, firstPaintOf, headingFirstPaint, withFirstPaint } from './page-first-paint';

const indexHtml = readFileSync(path.join(__dirname, '..', '..', 'index.html'), 'utf8');
const pageOf = (page: string) => DEEP_LINK_PAGES.find((deepLink) => deepLink.page === page)!;

describe('withFirstPaint', () => {
  it("puts the markup where index.html's Loading… line was, and nothing else changes", () => {
    const markup = headingFirstPaint('Contacts');
    const page = withFirstPaint(indexHtml, markup);
    expect(page).toContain(
      '<div class="boot-bar">Cadenza</div>\n      <div class="boot-page"><h1 class="boot-title">Contacts</h1></div>',
    );
    expect(page).not.toContain('Loading…');
    expect(page.replace(markup, '')).toBe(indexHtml.replace('<p class="boot-text">Loading…</p>', ''));
  });

  it('refuses a page without the Loading… line, and text that would need escaping', () => {
    expect(() => withFirstPaint('<div id="root"></div>', 'x')).toThrow(/index.html has no <p class="boot-text">/);
    expect(() => headingFirstPaint('A & B')).toThrow(/"A & B" would need escaping/);
    expect(() => designerFirstPaint('Ctrl+<')).toThrow(/"Ctrl\+<" would need escaping/);
  });
});

describe('firstPaintOf', () => {
  it("draws the contacts heading, the designer's frame with its shortcuts line, and nothing for the flow list", () => {
    expect(firstPaintOf(pageOf('contacts'))).toBe(headingFirstPaint('Contacts'));
    const designer = firstPaintOf(pageOf('designer'))!;
    expect(designer).toContain(`<p class="boot-caption">${SHORTCUTS_HINT}</p>`);
    expect(designer).toContain('<h6 class="boot-subtitle">Runs</h6>');
    // Every class it uses is styled by index.html.
    for (const [, name] of designer.matchAll(/class="([\w-]+)"/g)) expect(indexHtml).toContain(`.${name} {`);
    expect(firstPaintOf(pageOf('flows'))).toBeUndefined();
  });
});
