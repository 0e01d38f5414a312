import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import type { Principal } from '@cadenza/core';
import { findApiKeyGrant, type DataSource } from '@cadenza/data';
import type { SessionResolver } from '../http/authenticate';

/** The credentials a socket presented at its handshake; kept so every room join checks them again. */
export interface LiveCredentials {
  token?: string;
  request: IncomingMessage;
}

export type LiveAuthenticator = (credentials: LiveCredentials) => Promise<Principal | null>;

/**
 * The handshake request seen through the few Express accessors a session resolver uses
 * (`get`/`header`/`path`), so the same SessionResolver serves HTTP routes and sockets.
 */
export function handshakeAsRequest(request: IncomingMessage): Request {
  const header = (name: string) => {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  return Object.assign(Object.create(request) as Request, { get: header, header, path });
}

/**
 * Same credentials as the REST API: an API key (handshake `auth.token`, as the API's
 * Bearer token) or else the session cookie through the API's SessionResolver.
 */
export function createLiveAuthenticator(db: DataSource, resolveSession?: SessionResolver): LiveAuthenticator {
  return async ({ token, request }) => {
    if (token) {
      const grant = await findApiKeyGrant(db, token);
      return grant ? { tenantId: grant.tenantId, userId: null, role: grant.role, via: 'api_key' } : null;
    }
    return resolveSession ? resolveSession(handshakeAsRequest(request)) : null;
  };
}
