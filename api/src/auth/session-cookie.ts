/** The session cookie: opaque token, unreadable by scripts, not sent on cross-site subrequests. */
export const SESSION_COOKIE = 'cadenza_session';

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Tells the browser to drop the cookie (logout, or a session that no longer exists). */
export const clearedSessionCookie = (secure: boolean): string => sessionCookie('', 0, secure);

/** Methods that change state; GET/HEAD/OPTIONS must not, so they need no CSRF token. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Signing in acts with none of the old session's authority (it replaces the session), so
 * it needs no CSRF token; SameSite=Lax still guards it. The Temporal UI's codec server call is a
 * read (POST only because of its wire format) from another origin that has no token to send: a
 * forged call changes nothing but an audit line, and CORS lets only the Temporal UI read the answer.
 */
const CSRF_EXEMPT_PATHS = new Set(['/auth/login', '/temporal-codec/decode']);

/** Whether a request carrying a session cookie must also carry X-CSRF-Token. */
export const requiresCsrfToken = (method: string, path: string): boolean =>
  UNSAFE_METHODS.has(method.toUpperCase()) && !CSRF_EXEMPT_PATHS.has(path);
