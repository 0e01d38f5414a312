import { ForbiddenError, UserError, can, type Principal } from '@cadenza/core';
import type { MailboxScope } from '@cadenza/data';

/**
 * Whose mailboxes a caller reaches: with settings:manage (admins) every mailbox of the tenant,
 * the workspace's and each user's own (settings only: secrets never come out); any other
 * signed-in user only their own, so a sales rep connects and manages theirs and no one else's.
 * An API key without settings:manage is nobody's and reaches none.
 */
export function mailboxScopeOf(principal: Principal): MailboxScope {
  if (can(principal.role, 'settings:manage')) return principal.tenantId;
  if (!principal.userId) {
    throw new ForbiddenError(
      `an API key of the ${principal.role} role has no mailbox of its own (managing mailboxes needs settings:manage)`,
    );
  }
  return { tenantId: principal.tenantId, ownerUserId: principal.userId };
}

/**
 * The owner of a mailbox being added: the caller for `personal`, and always for a user without
 * settings:manage (who cannot add a workspace mailbox); null for the workspace's.
 */
export function ownerOfNewMailbox(principal: Principal, personal: boolean | undefined): string | null {
  const admin = can(principal.role, 'settings:manage');
  if (!admin && personal === false) {
    throw new ForbiddenError(`the ${principal.role} role may add only its own mailbox (needs settings:manage)`);
  }
  if (!admin || personal) {
    if (!principal.userId) {
      throw new UserError('invalid_field', 'personal: an API key has no user to own a mailbox', { field: 'personal' });
    }
    return principal.userId;
  }
  return null;
}
