import { parseCookies } from './parse-cookies';

describe('parseCookies', () => {
  it('reads several cookies with spaces around them', () => {
    expect(parseCookies('a=1; cadenza_session=abc ;b=two')).toEqual({ a: '1', cadenza_session: 'abc', b: 'two' });
  });

  it('gives an empty object for a missing or empty header', () => {
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies('')).toEqual({});
  });

  it('keeps "=" inside values and strips surrounding quotes', () => {
    expect(parseCookies('t=YWJj==; q="quoted"')).toEqual({ t: 'YWJj==', q: 'quoted' });
  });

  it('decodes percent-encoding but keeps malformed encoding as sent', () => {
    expect(parseCookies('a=hello%20world; b=%E0%A4%A')).toEqual({ a: 'hello world', b: '%E0%A4%A' });
  });

  it('lets the first occurrence of a name win and skips pairs without a name or "="', () => {
    expect(parseCookies('s=first; s=second; =x; junk')).toEqual({ s: 'first' });
  });

  it('cannot be tricked into setting prototype properties', () => {
    const cookies = parseCookies('__proto__=x; constructor=y');
    expect(Object.getPrototypeOf(cookies)).toBeNull();
    expect(cookies.constructor).toBe('y');
  });
});
