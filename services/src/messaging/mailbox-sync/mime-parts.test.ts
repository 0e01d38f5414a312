import { decodeTransfer, mimeLeaves, parseContentType, splitHeaders } from './mime-parts';

describe('parseContentType', () => {
  it('reads the type and its parameters, quoted or not, whatever their case', () => {
    const { type, params } = parseContentType('Multipart/Report; report-type=delivery-status; BOUNDARY="a;b\\"c"');
    expect(type).toBe('multipart/report');
    expect(params.get('report-type')).toBe('delivery-status');
    expect(params.get('boundary')).toBe('a;b"c');
  });
  it('falls back to text/plain for a missing or malformed type', () => {
    expect(parseContentType(undefined).type).toBe('text/plain');
    expect(parseContentType('garbage').type).toBe('text/plain');
  });
});

describe('splitHeaders', () => {
  it('splits at the first blank line; a part opening with one has no headers, one without any has no body', () => {
    expect(splitHeaders('A: 1\r\nB: 2\r\n\r\nbody\r\n\r\nmore')).toEqual({
      headerBlock: 'A: 1\r\nB: 2',
      body: 'body\r\n\r\nmore',
    });
    expect(splitHeaders('\r\nonly body')).toEqual({ headerBlock: '', body: 'only body' });
    expect(splitHeaders('A: 1')).toEqual({ headerBlock: 'A: 1', body: '' });
  });
});

describe('decodeTransfer', () => {
  it('decodes base64 and quoted-printable (soft breaks included), and leaves the rest alone', () => {
    expect(decodeTransfer('SGVs\r\nbG8=', 'base64')).toBe('Hello');
    expect(decodeTransfer('Gr=C3=BC=\r\n=C3=9Fe =XY', 'Quoted-Printable')).toBe('Grüße =XY');
    expect(decodeTransfer('plain', '8bit')).toBe('plain');
  });
});

describe('mimeLeaves', () => {
  it('walks nested multiparts depth first, decoding each leaf', () => {
    const source = [
      'Content-Type: multipart/mixed; boundary=outer',
      '',
      'preamble',
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain',
      '',
      'one',
      '--inner--',
      '--outer',
      'Content-Type: message/delivery-status',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('Action: failed').toString('base64'),
      '--outer--',
      'epilogue',
    ].join('\r\n');
    expect(mimeLeaves(source).leaves.map((leaf) => [leaf.type, leaf.body])).toEqual([
      ['text/plain', 'one'],
      ['message/delivery-status', 'Action: failed'],
    ]);
  });
  it('keeps a multipart whose boundary never appears as one text leaf, and a truncated one up to its end', () => {
    const broken = 'Content-Type: multipart/mixed; boundary=missing\r\n\r\n--other\r\nwords\r\n';
    expect(mimeLeaves(broken).leaves).toEqual([
      expect.objectContaining({ type: 'text/plain', body: '--other\r\nwords\r\n' }),
    ]);
    const truncated = 'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nfirst\r\n--b\r\n\r\nsecond, cut';
    expect(mimeLeaves(truncated).leaves.map((leaf) => leaf.body)).toEqual(['first', 'second, cut']);
  });
  it('stops at its depth limit instead of recursing without end', () => {
    let source = 'leaf';
    for (let depth = 0; depth < 50; depth += 1)
      source = `Content-Type: multipart/mixed; boundary=b${depth}\r\n\r\n--b${depth}\r\n${source}\r\n--b${depth}--`;
    expect(mimeLeaves(source).leaves).toHaveLength(1);
  });
});
