import { ForbiddenError, OWNERSHIP_SCOPED_ROLES, type Actor, type Principal } from '@cadenza/core';
import type { SqlParams } from './sql-params';

/**
 * A principal as the CRM repositories take it. Workflows (flow engine, CSV import) pass an
 * explicit actor so the audit log and events say which run made the change.
 */
export type CrmPrincipal = Principal & { actor?: Actor };

export function actorOf(principal: CrmPrincipal): Actor {
  if (principal.actor) return principal.actor;
  if (principal.userId) return { kind: 'user', id: principal.userId };
  return { kind: 'api_key', id: principal.apiKeyId ?? null };
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

/**
 * The same rule for a row already read (live events, whose owners are looked up in
 * batches): an ownership-scoped role may read a record only when it is its owner.
 */
export function mayReadOwned(principal: Principal, ownerId: string | null | undefined): boolean {
  if (!isOwnershipScoped(principal)) return true;
  return principal.userId !== null && ownerId === principal.userId;
}

/**
 * The condition that limits an ownership-scoped role to records about contacts it may read
 * (notes, messages, runs): `contactId` is the SQL expression naming the contact, `tenantId`
 * the row's tenant column. Runs and messages keep contact ids as text (a run may name a
 * contact that is gone), so those compare as text; a record about no contact is nobody's.
 */
export function contactVisibleCondition(
  principal: Principal,
  columns: { tenantId: string; contactId: string; contactIdType?: 'uuid' | 'text' },
  params: SqlParams,
): string | null {
  const owner = ownerCondition(principal, 'c.owner_id', params);
  if (!owner) return null;
  const id = columns.contactIdType === 'text' ? 'c.id::text' : 'c.id';
  return `EXISTS (SELECT 1 FROM contacts c WHERE c.tenant_id = ${columns.tenantId} AND ${id} = ${columns.contactId} AND ${owner})`;
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
