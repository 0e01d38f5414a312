import { clearedSessionCookie, requiresCsrfToken, sessionCookie } from './session-cookie';
import { parseCookies } from './parse-cookies';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, site-wide, and Secure only when asked', () => {
    const cookie = sessionCookie('tok', 3600, false);
    expect(cookie).toBe('cadenza_session=tok; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax');
    expect(sessionCookie('tok', 3600, true).endsWith('; Secure')).toBe(true);
    expect(parseCookies(cookie.split(';')[0])).toEqual({ cadenza_session: 'tok' });
  });

  it('is cleared with an empty value and Max-Age=0', () => {
    expect(clearedSessionCookie(false)).toContain('cadenza_session=; Path=/; Max-Age=0');
  });
});

describe('CSRF rule', () => {
  it('applies to every unsafe method', () => {
    for (const method of ['POST', 'put', 'PATCH', 'DELETE']) expect(requiresCsrfToken(method, '/contacts')).toBe(true);
  });

  it('skips safe methods and the sign-in itself', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(requiresCsrfToken(method, '/contacts')).toBe(false);
    expect(requiresCsrfToken('POST', '/auth/login')).toBe(false);
    expect(requiresCsrfToken('POST', '/auth/logout')).toBe(true);
  });

  it("skips the Temporal UI's codec call (a read it cannot send a token with), and only that path", () => {
    expect(requiresCsrfToken('POST', '/temporal-codec/decode')).toBe(false);
    expect(requiresCsrfToken('POST', '/temporal-codec/encode')).toBe(true);
  });
});
