import type { EntityManager } from 'typeorm';
import type { Db } from '../crm/crm-write';

export type SuppressionReason = 'unsubscribed' | 'bounced' | 'manual';

/** Addresses are compared case-insensitively; phone numbers and channels pass through trimmed. */
export const normalizeAddress = (address: string) => address.trim().toLowerCase();

/** Why an address must not be sent to, or null when it may be. */
export async function suppressionOf(db: Db, tenantId: string, address: string): Promise<SuppressionReason | null> {
  const rows = (await db.query(`SELECT reason FROM suppressions WHERE tenant_id = $1 AND address = $2`, [
    tenantId,
    normalizeAddress(address),
  ])) as Array<{ reason: SuppressionReason }>;
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
