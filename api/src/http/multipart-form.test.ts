import { multipartBoundary, parseMultipartForm } from './multipart-form';

describe('multipartBoundary', () => {
  it('reads quoted and bare boundaries and ignores other content types', () => {
    expect(multipartBoundary('multipart/form-data; boundary=xYz')).toBe('xYz');
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/json')).toBeNull();
    expect(() => multipartBoundary('multipart/form-data')).toThrow(/without a boundary/);
  });
});

describe('parseMultipartForm', () => {
  it('parses the text fields the platform itself encodes (FormData), skipping files', async () => {
    const form = new FormData();
    form.append('headers', 'In-Reply-To: <a@b>\r\nSubject: Re: hi\r\n');
    form.append('text', 'Olá — multi\r\nline\n');
    form.append('empty', '');
    form.append('attachment1', new Blob(['binary']), 'file.bin');
    const request = new Request('http://x', { method: 'POST', body: form });
    const boundary = multipartBoundary(request.headers.get('content-type') ?? undefined)!;
    const fields = parseMultipartForm(Buffer.from(await request.arrayBuffer()), boundary);
    expect(fields).toEqual({
      headers: 'In-Reply-To: <a@b>\r\nSubject: Re: hi\r\n',
      // The form encoder normalises line breaks to CRLF (WHATWG), the parser keeps bytes as sent.
      text: 'Olá — multi\r\nline\r\n',
      empty: '',
    });
  });

  it('refuses a body that never closes', () => {
    const body = Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nvalue');
    expect(() => parseMultipartForm(body, 'b')).toThrow(/closing boundary/);
    expect(() => parseMultipartForm(Buffer.from('nothing'), 'b')).toThrow(/boundary/);
  });
});
