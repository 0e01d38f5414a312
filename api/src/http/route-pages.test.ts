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

const signedIn = async () => true;
const signedOut = async () => false;

describe('route pages', () => {
  it('preloads scripts as modules and stylesheets as styles', async () => {
    expect(linkHeaderFor(['/assets/a-1.js', '/assets/b-2.css'])).toBe(
      '</assets/a-1.js>; rel=modulepreload; crossorigin, </assets/b-2.css>; rel=preload; as=style; crossorigin',
    );
  });

  it("answers a page's address, with or without a trailing slash, and index.html alone for others", async () => {
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
    expect((await pageFor('/contacts', signedIn)).link).toContain('</assets/contacts-page-x.js>; rel=modulepreload');
    expect((await pageFor('/contacts', signedIn)).htmlFile).toBe(path.join(dir, 'pages', 'contacts.html'));
    expect(await pageFor('/contacts/', signedIn)).toEqual(await pageFor('/contacts', signedIn));
    expect(await pageFor('/flows/abc', signedIn)).toEqual({
      htmlFile: indexHtml,
      link: '</assets/designer-page-z.js>; rel=modulepreload; crossorigin',
    });
    for (const other of ['/flows', '/', '/contacts/c1', '/deals'])
      expect(await pageFor(other, signedIn)).toEqual({ htmlFile: indexHtml });
    // No reads to preload on these pages: no session lookup either.
    let asked = 0;
    await pageFor('/contacts', async () => Boolean(++asked));
    await pageFor('/deals', async () => Boolean(++asked));
    expect(asked).toBe(0);
  });

  it("preloads a signed-in page's API reads, with its address's id in them, none with an id a header could misread", async () => {
    const pageFor = routePages(
      distWith(
        JSON.stringify([
          {
            pattern: '^\\/flows\\/([^/]+)$',
            files: ['/assets/designer-page-z.js'],
            data: ['/api/v1/auth/me', '/api/v1/flows/$1'],
          },
        ]),
      ),
    );
    expect((await pageFor('/flows/f-1_a', signedIn)).link).toBe(
      '</api/v1/auth/me>; rel=preload; as=fetch; crossorigin, ' +
        '</api/v1/flows/f-1_a>; rel=preload; as=fetch; crossorigin, ' +
        '</assets/designer-page-z.js>; rel=modulepreload; crossorigin',
    );
    // Signed out: the reads would be refused, and the browser would hand those refusals to the
    // same reads made once signed in.
    expect((await pageFor('/flows/f-1_a', signedOut)).link).toBe(
      '</assets/designer-page-z.js>; rel=modulepreload; crossorigin',
    );
    for (const odd of ['/flows/a,b', '/flows/a%3Eb', '/flows/a;rel=x']) {
      expect((await pageFor(odd, signedIn)).link).toBe(
        '</api/v1/auth/me>; rel=preload; as=fetch; crossorigin, </assets/designer-page-z.js>; rel=modulepreload; crossorigin',
      );
    }
  });

  it('sends index.html alone when the build wrote no list', async () => {
    const dir = distWith(null);
    expect(await routePages(dir)('/contacts', signedIn)).toEqual({ htmlFile: path.join(dir, 'index.html') });
  });

  it('refuses a list naming anything but built assets, pages and API reads, or a page the build did not write', async () => {
    const foreign = distWith(JSON.stringify([{ pattern: '^\\/x$', files: ['https://evil.example/x.js'] }]));
    expect(() => routePages(foreign)).toThrow(/route-preloads\.json is not a route preload list: an \/assets\/ script/);
    const outside = distWith(JSON.stringify([{ pattern: '^\\/x$', files: [], html: '../../etc/passwd' }]));
    expect(() => routePages(outside)).toThrow(/is not a route preload list: a pages\/ HTML file/);
    const foreignRead = distWith(JSON.stringify([{ pattern: '^\\/x$', files: [], data: ['https://evil.example/x'] }]));
    expect(() => routePages(foreignRead)).toThrow(/is not a route preload list: an \/api\/v1\/ address/);
    const missing = distWith(JSON.stringify([{ pattern: '^\\/x$', files: [], html: 'pages/x.html' }]));
    expect(() => routePages(missing)).toThrow(
      /route-preloads\.json names pages\/x\.html, which the build did not write/,
    );
  });
});
