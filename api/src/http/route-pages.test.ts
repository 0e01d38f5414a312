import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { linkHeaderFor, routePages } from './route-pages';

const distWith = (content: string | null, pages: string[] = []) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadenza-preloads-'));
  if (content !== null) writeFileSync(path.join(dir, 'route-preloads.json'), content);
  mkdirSync(path.join(dir, 'pages'));
  for (const page of pages) writeFileSync(path.join(dir, page), '<!doctype html>');
  return dir;
};

describe('route pages', () => {
  it('preloads scripts as modules and stylesheets as styles', () => {
    expect(linkHeaderFor(['/assets/a-1.js', '/assets/b-2.css'])).toBe(
      '</assets/a-1.js>; rel=modulepreload; crossorigin, </assets/b-2.css>; rel=preload; as=style; crossorigin',
    );
  });

  it("answers a page's address, with or without a trailing slash, and index.html alone for others", () => {
    const dir = distWith(
      JSON.stringify([
        {
          pattern: '^\\/contacts$',
          files: ['/assets/contacts-page-x.js', '/assets/contacts-page-y.css'],
          html: 'pages/contacts.html',
        },
        { pattern: '^\\/flows\\/([^/]+)$', files: ['/assets/designer-page-z.js'] },
        { pattern: '^\\/(flows)?$', files: [] },
      ]),
      ['pages/contacts.html'],
    );
    const pageFor = routePages(dir);
    const indexHtml = path.join(dir, 'index.html');
    expect(pageFor('/contacts').link).toContain('</assets/contacts-page-x.js>; rel=modulepreload');
    expect(pageFor('/contacts').htmlFile).toBe(path.join(dir, 'pages', 'contacts.html'));
    expect(pageFor('/contacts/')).toEqual(pageFor('/contacts'));
    expect(pageFor('/flows/abc')).toEqual({
      htmlFile: indexHtml,
      link: '</assets/designer-page-z.js>; rel=modulepreload; crossorigin',
    });
    for (const other of ['/flows', '/', '/contacts/c1', '/deals'])
      expect(pageFor(other)).toEqual({ htmlFile: indexHtml });
  });

  it('sends index.html alone when the build wrote no list', () => {
    const dir = distWith(null);
    expect(routePages(dir)('/contacts')).toEqual({ htmlFile: path.join(dir, 'index.html') });
  });

  it('refuses a list naming anything but built assets and pages, or a page the build did not write', () => {
    const foreign = distWith(JSON.stringify([{ pattern: '^\\/x$', files: ['https://evil.example/x.js'] }]));
    expect(() => routePages(foreign)).toThrow(/route-preloads\.json is not a route preload list: an \/assets\/ script/);
    const outside = distWith(JSON.stringify([{ pattern: '^\\/x$', files: [], html: '../../etc/passwd' }]));
    expect(() => routePages(outside)).toThrow(/is not a route preload list: a pages\/ HTML file/);
    const missing = distWith(JSON.stringify([{ pattern: '^\\/x$', files: [], html: 'pages/x.html' }]));
    expect(() => routePages(missing)).toThrow(
      /route-preloads\.json names pages\/x\.html, which the build did not write/,
    );
  });
});
