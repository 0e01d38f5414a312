import type { Request } from 'express';
import { CsrfTokenError, ForbiddenError, type Principal } from '@cadenza/core';
import { resolveSessionToken, tokensEqual, type DataSource, type ResolvedSession } from '@cadenza/data';
import type { SessionResolver } from '../http/authenticate';
import { parseCookies } from './parse-cookies';
import { SESSION_COOKIE, requiresCsrfToken } from './session-cookie';

/** The session behind each request, for the routes that act on the session itself (/auth/*). */
const resolved = new WeakMap<Request, ResolvedSession>();

export const sessionTokenOf = (req: Request): string | undefined => parseCookies(req.get('cookie'))[SESSION_COOKIE];

/**
 * Turns the session cookie into a principal. An unknown or expired cookie leaves the request
 * anonymous (the route then answers 401); a live session on a write without the matching
 * X-CSRF-Token header is refused with 403 before any route runs.
 */
export function createSessionResolver(db: DataSource): SessionResolver {
  return async (req: Request): Promise<Principal | null> => {
    const token = sessionTokenOf(req);
    if (!token) return null;
    const session = await resolveSessionToken(db, token);
    if (!session) return null;
    if (requiresCsrfToken(req.method, req.path) && !tokensEqual(session.csrfToken, req.get('x-csrf-token') ?? '')) {
      throw new CsrfTokenError();
    }
    resolved.set(req, session);
    return { tenantId: session.tenantId, userId: session.userId, role: session.role, via: 'session' };
  };
}

/** The signed-in session of this request; API keys have none. */
export function requireSession(req: Request): ResolvedSession {
  const session = resolved.get(req);
  if (!session) throw new ForbiddenError('this needs a signed-in user session, not an API key');
  return session;
}
