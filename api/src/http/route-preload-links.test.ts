import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { linkHeaderFor, routePreloadLinks } from './route-preload-links';

const distWith = (content: string | null) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadenza-preloads-'));
  if (content !== null) writeFileSync(path.join(dir, 'route-preloads.json'), content);
  return dir;
};

describe('route preload links', () => {
  it('preloads scripts as modules and stylesheets as styles', () => {
    expect(linkHeaderFor(['/assets/a-1.js', '/assets/b-2.css'])).toBe(
      '</assets/a-1.js>; rel=modulepreload; crossorigin, </assets/b-2.css>; rel=preload; as=style; crossorigin',
    );
  });

  it("answers a page's address, with or without a trailing slash, and nothing for others", () => {
    const linksFor = routePreloadLinks(
      distWith(
        JSON.stringify([
          { pattern: '^\\/contacts$', files: ['/assets/contacts-page-x.js', '/assets/contacts-page-y.css'] },
          { pattern: '^\\/flows\\/([^/]+)$', files: ['/assets/designer-page-z.js'] },
          { pattern: '^\\/(flows)?$', files: [] },
        ]),
      ),
    );
    expect(linksFor('/contacts')).toContain('</assets/contacts-page-x.js>; rel=modulepreload');
    expect(linksFor('/contacts/')).toBe(linksFor('/contacts'));
    expect(linksFor('/flows/abc')).toBe('</assets/designer-page-z.js>; rel=modulepreload; crossorigin');
    for (const other of ['/flows', '/', '/contacts/c1', '/deals']) expect(linksFor(other)).toBeUndefined();
  });

  it('sends nothing when the build wrote no list', () => {
    expect(routePreloadLinks(distWith(null))('/contacts')).toBeUndefined();
  });

  it('refuses a list naming anything but built assets, naming the file', () => {
    const dir = distWith(JSON.stringify([{ pattern: '^\\/x$', files: ['https://evil.example/x.js'] }]));
    expect(() => routePreloadLinks(dir)).toThrow(
      /route-preloads\.json is not a route preload list: an \/assets\/ script/,
    );
  });
});
