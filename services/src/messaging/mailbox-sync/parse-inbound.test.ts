import { inboundText, parseHeaderBlock } from './parse-inbound';

describe('parseHeaderBlock', () => {
  it('unfolds continuation lines, lower-cases names and keeps the first of a repeated header', () => {
    const headers = parseHeaderBlock(
      'In-Reply-To:\r\n <abc@cadenza.test>\r\nReferences: <x@a>\r\n\t<y@b>\r\nPrecedence: bulk\r\nPrecedence: list\r\n\r\n',
    );
    expect(headers.get('in-reply-to')).toBe('<abc@cadenza.test>');
    expect(headers.get('references')).toBe('<x@a> <y@b>');
    expect(headers.get('precedence')).toBe('bulk');
  });
});

describe('inboundText', () => {
  it('decodes a quoted-printable ISO-8859-1 text part', async () => {
    const source = Buffer.from(
      'From: lead@example.com\r\nSubject: Re: hi\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nGr=FC=DFe, gerne!\r\n',
    );
    expect((await inboundText(source)).trim()).toBe('Grüße, gerne!');
  });

  it('reads text out of an HTML-only email and survives an unknown charset', async () => {
    const source = Buffer.from(
      'From: lead@example.com\r\nContent-Type: text/html; charset=x-unknown-42\r\n\r\n<p>Yes, Tuesday works</p>\r\n',
    );
    expect(await inboundText(source)).toContain('Yes, Tuesday works');
  });
});
