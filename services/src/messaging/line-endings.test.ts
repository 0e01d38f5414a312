import { hasBareLineBreak, withCrlf } from './line-endings';

describe('line endings', () => {
  it('turns bare LF, bare CR and CRLF alike into CRLF, once', () => {
    expect(withCrlf('a\nb\rc\r\nd\n\ne')).toBe('a\r\nb\r\nc\r\nd\r\n\r\ne');
    expect(withCrlf(withCrlf('a\nb'))).toBe('a\r\nb');
  });

  it('finds a bare line break anywhere, and nothing in canonical text', () => {
    expect(hasBareLineBreak('a\r\nb\nc')).toBe(true);
    expect(hasBareLineBreak('a\rb')).toBe(true);
    expect(hasBareLineBreak('a\r\nb\r\n')).toBe(false);
  });
});
