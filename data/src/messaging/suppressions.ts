import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { queryRows, type Db } from '../crm/crm-write';

export type SuppressionReason = 'unsubscribed' | 'bounced' | 'manual';

/** Addresses are compared case-insensitively; phone numbers and channels pass through trimmed. */
export const normalizeAddress = (address: string) => address.trim().toLowerCase();

/**
 * How an erased contact's address stays on the list. The objection to mail (an unsubscribe, a
 * bounce) must outlive the erasure, or re-importing the same address would mail that person
 * again; so the entry is kept, as this hash instead of the address. The tenant id is part of
 * what is hashed, so one workspace's entry says nothing about another's.
 */
export const erasedAddressKey = (tenantId: string, address: string) =>
  `sha256:${createHash('sha256')
    .update(`${tenantId}\n${normalizeAddress(address)}`)
    .digest('hex')}`;

/** Why an address must not be sent to, or null when it may be (kept as itself, or as its erased key). */
export async function suppressionOf(db: Db, tenantId: string, address: string): Promise<SuppressionReason | null> {
  const rows = (await db.query(
    `SELECT reason FROM suppressions WHERE tenant_id = $1 AND address IN ($2, $3) ORDER BY created_at LIMIT 1`,
    [tenantId, normalizeAddress(address), erasedAddressKey(tenantId, address)],
  )) as Array<{ reason: SuppressionReason }>;
  return rows[0]?.reason ?? null;
}

/** Adds an address to the list; the first reason recorded stays. */
export async function suppressAddress(
  manager: EntityManager,
  tenantId: string,
  address: string,
  reason: SuppressionReason,
  messageId: string | null,
): Promise<void> {
  await manager.query(
    `INSERT INTO suppressions (tenant_id, address, reason, message_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, address) DO NOTHING`,
    [tenantId, normalizeAddress(address), reason, messageId],
  );
}

/**
 * GDPR erasure: the entries of these addresses are kept as their erased keys, without the
 * message that caused them (which is anonymised). Returns how many entries were rewritten.
 */
export async function keepSuppressionsAsKeys(
  manager: EntityManager,
  tenantId: string,
  addresses: readonly string[],
): Promise<number> {
  const plain = [...new Set(addresses.map(normalizeAddress).filter((address) => address !== ''))];
  if (plain.length === 0) return 0;
  const rows = await queryRows<{ address: string }>(
    manager,
    `UPDATE suppressions s SET address = k.key, message_id = NULL
     FROM unnest($2::text[], $3::text[]) AS k(address, key)
     WHERE s.tenant_id = $1 AND s.address = k.address
       AND NOT EXISTS (SELECT 1 FROM suppressions d WHERE d.tenant_id = $1 AND d.address = k.key)
     RETURNING s.address`,
    [tenantId, plain, plain.map((address) => erasedAddressKey(tenantId, address))],
  );
  // An address suppressed again after an earlier erasure already has its key: the plain entry just goes.
  await manager.query(`DELETE FROM suppressions WHERE tenant_id = $1 AND address = ANY($2::text[])`, [tenantId, plain]);
  return rows.length;
}
