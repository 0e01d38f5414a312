import { plainToHtml } from './plain-to-html';

describe('plainToHtml', () => {
  it('escapes the text into paragraphs but leaves placeholders (and their quoted fallbacks) intact', () => {
    expect(plainToHtml('Hi {{default contact.firstName "there"}} & <you>,\nline two\n\nBye {{{contact.sig}}}')).toBe(
      '<p>Hi {{default contact.firstName "there"}} &amp; &lt;you&gt;,<br>line two</p>\n<p>Bye {{{contact.sig}}}</p>',
    );
  });
});
