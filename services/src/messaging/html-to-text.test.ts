import { htmlToText, looksLikeHtml } from './html-to-text';

describe('htmlToText', () => {
  it('turns blocks into lines and keeps link addresses', () => {
    expect(htmlToText('<p>Hi <b>Ana</b>,</p><p>See <a href="https://x.test/a?b=1&amp;c=2">our offer</a>.</p>')).toBe(
      'Hi Ana,\n\nSee our offer (https://x.test/a?b=1&c=2).',
    );
  });
  it('decodes entities, drops style and script, and keeps line breaks', () => {
    expect(htmlToText('<style>p{}</style>Tom &amp; Jerry<br>&lt;3 &#39;ok&#39;<script>x()</script>')).toBe(
      "Tom & Jerry\n<3 'ok'",
    );
  });
  it('writes a bare link once', () => {
    expect(htmlToText('<a href="https://x.test">https://x.test</a>')).toBe('https://x.test');
  });
  it('tells HTML from plain text', () => {
    expect(looksLikeHtml('<p>hi</p>')).toBe(true);
    expect(looksLikeHtml('a < b and c > d')).toBe(false);
  });
});
