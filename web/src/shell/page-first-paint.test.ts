import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPageTitle } from './page-first-paint';

const indexHtml = readFileSync(path.join(__dirname, '..', '..', 'index.html'), 'utf8');

describe('withPageTitle', () => {
  it("puts the heading where index.html's Loading… line was, and nothing else changes", () => {
    const page = withPageTitle(indexHtml, 'Contacts');
    expect(page).toContain(
      '<div class="boot-bar">Cadenza</div>\n      <div class="boot-page"><h1 class="boot-title">Contacts</h1></div>',
    );
    expect(page).not.toContain('Loading…');
    expect(page.replace('<div class="boot-page"><h1 class="boot-title">Contacts</h1></div>', '')).toBe(
      indexHtml.replace('<p class="boot-text">Loading…</p>', ''),
    );
  });

  it('refuses a page without the Loading… line, and a title that would need escaping', () => {
    expect(() => withPageTitle('<div id="root"></div>', 'Contacts')).toThrow(/index.html has no <p class="boot-text">/);
    expect(() => withPageTitle(indexHtml, 'A & B')).toThrow(/"A & B" would need escaping/);
  });
});
