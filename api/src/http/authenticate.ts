import type { Request, RequestHandler } from 'express';
import { UnauthorizedError, type Principal } from '@cadenza/core';
import { findApiKeyGrant, type DataSource } from '@cadenza/data';
import { setPrincipal } from './api-route';

/** Resolves a signed-in user's session from the request (cookie + CSRF); see the auth routes. */
export type SessionResolver = (req: Request) => Promise<Principal | null>;

/**
 * Establishes who is calling: a Bearer API key, or else a session. Bad credentials are
 * refused at once; no credentials leave the request anonymous, and each route's access
 * rule decides (public routes are the only ones that accept that).
 */
export function authenticate(db: DataSource, resolveSession?: SessionResolver): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    // Basic credentials are never API keys: webhooks (SendGrid Inbound Parse) carry their own
    // shared secret that way and check it themselves; every other route stays anonymous (401).
    if (header && !/^Basic\s/i.test(header)) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const grant = match?.[1] ? await findApiKeyGrant(db, match[1]) : null;
      if (!grant) throw new UnauthorizedError('the API key is unknown or revoked');
      setPrincipal(res, {
        tenantId: grant.tenantId,
        userId: null,
        role: grant.role,
        via: 'api_key',
        apiKeyId: grant.id,
        ...(req.ip ? { clientAddress: req.ip } : {}),
      });
    } else if (resolveSession) {
      const principal = await resolveSession(req);
      // req.ip is the socket's peer unless TRUST_PROXY names the proxies allowed to set X-Forwarded-For.
      if (principal) setPrincipal(res, req.ip ? { ...principal, clientAddress: req.ip } : principal);
    }
    next();
  };
}
