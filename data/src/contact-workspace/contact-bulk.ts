import type { BulkAssignRequest, BulkResult, BulkTagRequest, Contact, ContactUpdate } from '@cadenza/core';
import { crmWrite, fieldError, type CrmWrite, type Db } from '../crm/crm-write';
import { ownerCondition, type CrmPrincipal } from '../crm/crm-principal';
import { patchContact, requireContact } from '../crm/contacts';
import { SqlParams } from '../crm/sql-params';

/**
 * Locks every named contact the principal may see, in id order (two bulk writes over the
 * same contacts then queue instead of deadlocking). One the principal may not see fails the
 * whole request, naming it: a bulk action changes all of its contacts or none.
 */
async function lockContacts(write: CrmWrite, ids: string[]): Promise<Contact[]> {
  const params = new SqlParams([write.tenantId, ids]);
  const owner = ownerCondition(write.principal, 'c.owner_id', params);
  const rows = (await write.manager.query(
    `SELECT c.id FROM contacts c WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[]) ${owner ? `AND ${owner}` : ''}
     ORDER BY c.id FOR UPDATE`,
    params.values,
  )) as Array<{ id: string }>;
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw fieldError(
      'body.contactIds',
      `${missing.length} of the contacts are not in this workspace or not yours: ${missing.slice(0, 5).join(', ')}${
        missing.length > 5 ? ', …' : ''
      }`,
    );
  }
  const contacts: Contact[] = [];
  for (const row of rows) contacts.push(await requireContact(write.manager, write.principal, row.id));
  return contacts;
}

/** Applies one patch per contact; each change gets its own audit entry, event and timeline entries. */
async function patchEach(
  db: Db,
  principal: CrmPrincipal,
  contactIds: string[],
  patchOf: (contact: Contact) => ContactUpdate,
  check: (write: CrmWrite) => Promise<void> = async () => undefined,
): Promise<BulkResult> {
  return crmWrite(db, principal, async (write) => {
    await check(write);
    const contacts = await lockContacts(write, [...new Set(contactIds)]);
    let changed = 0;
    for (const before of contacts) {
      const after = await patchContact(write, before, patchOf(before));
      if (after !== before) changed += 1;
    }
    return { changed, unchanged: contacts.length - changed };
  });
}

/** Adds and removes tags on many contacts in one transaction. */
export function bulkTagContacts(db: Db, principal: CrmPrincipal, request: BulkTagRequest): Promise<BulkResult> {
  const remove = new Set(request.remove);
  return patchEach(db, principal, request.contactIds, (contact) => ({
    tags: [...contact.tags.filter((tag) => !remove.has(tag)), ...request.add.filter((tag) => !remove.has(tag))],
  }));
}

/** Gives many contacts one owner (a member of the workspace) in one transaction. */
export function bulkAssignOwner(db: Db, principal: CrmPrincipal, request: BulkAssignRequest): Promise<BulkResult> {
  return patchEach(
    db,
    principal,
    request.contactIds,
    () => ({ ownerId: request.ownerId }),
    async (write) => {
      if (!request.ownerId) return;
      const members = (await write.manager.query(`SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [
        write.tenantId,
        request.ownerId,
      ])) as unknown[];
      if (members.length === 0) throw fieldError('body.ownerId', `no member ${request.ownerId} in this workspace`);
    },
  );
}
