import type { PayloadKeyScope } from '@cadenza/core';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../crm/crm-write';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** A stored data key: still wrapped, or destroyed (`wrappedKey` null, `shreddedAt` set). */
export interface StoredPayloadKey {
  id: string;
  version: number;
  wrappedKey: Buffer | null;
  kekId: string;
  createdAt: Date;
  shreddedAt: Date | null;
  /** Scope columns, so the codec server can check a payload's tenant before decoding it. */
  tenantId: string | null;
  contactId: string | null;
}

interface Row {
  id: string;
  version: number;
  wrapped_key: Buffer | null;
  kek_id: string;
  created_at: Date;
  shredded_at: Date | null;
  tenant_id: string | null;
  contact_id: string | null;
}

const COLUMNS = 'id, version, wrapped_key, kek_id, created_at, shredded_at, tenant_id, contact_id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fromRow = (row: Row): StoredPayloadKey => ({
  id: row.id,
  version: row.version,
  wrappedKey: row.wrapped_key,
  kekId: row.kek_id,
  createdAt: row.created_at,
  shreddedAt: row.shredded_at,
  tenantId: row.tenant_id,
  contactId: row.contact_id,
});

/** The (tenant, contact) columns of a scope: '' stands for "none" in the unique index. */
function scopeColumns(scope: PayloadKeyScope): [string | null, string | null] {
  switch (scope.kind) {
    case 'contact':
      return [scope.tenantId, scope.contactId];
    case 'tenant':
      return [scope.tenantId, null];
    case 'platform':
      return [null, null];
  }
}

/** The newest version of a scope's key, or null when the scope has none yet. */
export async function findNewestPayloadKey(db: Queryable, scope: PayloadKeyScope): Promise<StoredPayloadKey | null> {
  const [tenantId, contactId] = scopeColumns(scope);
  const rows = (await db.query(
    `SELECT ${COLUMNS} FROM payload_keys
     WHERE coalesce(tenant_id, '') = coalesce($1, '') AND coalesce(contact_id, '') = coalesce($2, '')
     ORDER BY version DESC LIMIT 1`,
    [tenantId, contactId],
  )) as Row[];
  return rows[0] ? fromRow(rows[0]) : null;
}

/**
 * Stores a new version of a scope's key. Two workers making the first key of a scope at once both
 * end up with the one that won (the unique index on scope and version), never with two keys.
 */
export async function insertPayloadKey(
  db: Queryable,
  scope: PayloadKeyScope,
  key: { version: number; wrappedKey: Buffer; kekId: string },
): Promise<StoredPayloadKey> {
  const [tenantId, contactId] = scopeColumns(scope);
  await db.query(
    `INSERT INTO payload_keys (tenant_id, contact_id, version, wrapped_key, kek_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [tenantId, contactId, key.version, key.wrappedKey, key.kekId],
  );
  const rows = (await db.query(
    `SELECT ${COLUMNS} FROM payload_keys
     WHERE coalesce(tenant_id, '') = coalesce($1, '') AND coalesce(contact_id, '') = coalesce($2, '') AND version = $3`,
    [tenantId, contactId, key.version],
  )) as Row[];
  return fromRow(rows[0]!);
}

export async function findPayloadKeyById(db: Queryable, id: string): Promise<StoredPayloadKey | null> {
  if (!UUID.test(id)) return null;
  const rows = (await db.query(`SELECT ${COLUMNS} FROM payload_keys WHERE id = $1`, [id])) as Row[];
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Marks the current versions of a scope as rotated: a new version encrypts from now on. */
export async function markPayloadKeysRotated(db: Queryable, scope: PayloadKeyScope): Promise<void> {
  const [tenantId, contactId] = scopeColumns(scope);
  await db.query(
    `UPDATE payload_keys SET rotated_at = now()
     WHERE coalesce(tenant_id, '') = coalesce($1, '') AND coalesce(contact_id, '') = coalesce($2, '') AND rotated_at IS NULL`,
    [tenantId, contactId],
  );
}

/**
 * Destroys every version of a contact's data key (crypto-shredding): what they encrypted in
 * Temporal, its backups and the UI can no longer be read by anyone. Returns the destroyed ids.
 * Also marks the scope, so no new key is ever made for the erased contact.
 */
export async function shredContactPayloadKeys(db: Queryable, tenantId: string, contactId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    `UPDATE payload_keys SET wrapped_key = NULL, shredded_at = now()
     WHERE tenant_id = $1 AND contact_id = $2 AND shredded_at IS NULL RETURNING id`,
    [tenantId, contactId],
  );
  // A tombstone version, so the scope stays "erased" even for a contact that had no key yet.
  await db.query(
    `INSERT INTO payload_keys (tenant_id, contact_id, version, wrapped_key, kek_id, shredded_at)
     SELECT $1, $2, coalesce(max(version), 0) + 1, NULL, 'shredded', now() FROM payload_keys
     WHERE tenant_id = $1 AND contact_id = $2
     ON CONFLICT DO NOTHING`,
    [tenantId, contactId],
  );
  return rows.map((row) => row.id);
}
