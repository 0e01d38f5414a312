import type { EntityManager } from 'typeorm';
import { ownedRecordKey, type OwnedRecordRef } from '@cadenza/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The owners of records that events name, in one query for a whole batch (a commit's events
 * or a page of the log), whatever the number of sockets they go to. Keyed by
 * `ownedRecordKey`; a record that does not exist (deleted, or never a record) has no entry,
 * so no ownership-scoped reader sees events about it.
 */
export async function loadRecordOwners(
  manager: EntityManager,
  tenantId: string,
  refs: OwnedRecordRef[],
): Promise<Map<string, string | null>> {
  const ids = { contact: new Set<string>(), deal: new Set<string>(), task: new Set<string>() };
  for (const ref of refs) if (ref.id && UUID.test(ref.id)) ids[ref.kind].add(ref.id.toLowerCase());
  const owners = new Map<string, string | null>();
  if (ids.contact.size + ids.deal.size + ids.task.size === 0) return owners;
  const rows = (await manager.query(
    `SELECT 'contact' AS kind, id::text AS id, owner_id::text AS owner FROM contacts
       WHERE tenant_id = $1 AND id = ANY($2::uuid[])
     UNION ALL SELECT 'deal', id::text, owner_id::text FROM deals WHERE tenant_id = $1 AND id = ANY($3::uuid[])
     UNION ALL SELECT 'task', id::text, assignee_id::text FROM tasks WHERE tenant_id = $1 AND id = ANY($4::uuid[])`,
    [tenantId, [...ids.contact], [...ids.deal], [...ids.task]],
  )) as Array<{ kind: OwnedRecordRef['kind']; id: string; owner: string | null }>;
  for (const row of rows) owners.set(ownedRecordKey({ kind: row.kind, id: row.id }), row.owner);
  return owners;
}
