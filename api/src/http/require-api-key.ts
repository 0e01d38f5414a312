import type { RequestHandler } from 'express';
import { UnauthorizedError } from '@cadenza/core';
import { findTenantIdForApiKey, type DataSource } from '@cadenza/activities/data';

export interface AuthenticatedLocals {
  tenantId: string;
}

/**
 * Authenticates `Authorization: Bearer <api key>` and pins the request to the key's
 * tenant. Every query downstream takes its tenant from here, never from the request.
 */
export function requireApiKey(db: DataSource): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) throw new UnauthorizedError();
    const tenantId = await findTenantIdForApiKey(db, match[1] ?? '');
    if (!tenantId) throw new UnauthorizedError('the API key is unknown or revoked');
    (res.locals as AuthenticatedLocals).tenantId = tenantId;
    next();
  };
}
