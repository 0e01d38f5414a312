import { ForbiddenError, OWNERSHIP_SCOPED_ROLES, type Actor, type Principal } from '@cadenza/core';
import type { SqlParams } from './sql-params';

/**
 * A principal as the CRM repositories take it. Workflows (flow engine, CSV import) pass an
 * explicit actor so the audit log and events say which run made the change.
 */
export type CrmPrincipal = Principal & { actor?: Actor };

export function actorOf(principal: CrmPrincipal): Actor {
  if (principal.actor) return principal.actor;
  return principal.userId ? { kind: 'user', id: principal.userId } : { kind: 'api_key', id: null };
}

export const isOwnershipScoped = (principal: Principal) => OWNERSHIP_SCOPED_ROLES.includes(principal.role);

/**
 * The condition that limits an ownership-scoped role to its own rows. An API key of such
 * a role has no user, so it owns nothing and sees nothing.
 */
export function ownerCondition(principal: Principal, column: string, params: SqlParams): string | null {
  if (!isOwnershipScoped(principal)) return null;
  return principal.userId ? `${column} = ${params.add(principal.userId)}::uuid` : 'false';
}

/** A sales rep owns what they create and may not hand records to someone else. */
export function ownerFor(principal: CrmPrincipal, requested: string | null | undefined, current: string | null) {
  if (!isOwnershipScoped(principal)) return requested === undefined ? current : requested;
  if (!principal.userId) {
    throw new ForbiddenError(`a ${principal.role} acts only on records it owns, and an API key owns none`);
  }
  if (requested !== undefined && requested !== principal.userId) {
    throw new ForbiddenError(`a ${principal.role} may not assign records to another user`);
  }
  return principal.userId;
}
