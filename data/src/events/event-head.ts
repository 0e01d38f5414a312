import type { EntityManager } from 'typeorm';

/**
 * The seq of a tenant's latest committed event (0 before the first). A client that
 * connects without a resume point starts live from here.
 */
export async function latestEventSeq(manager: EntityManager, tenantId: string): Promise<number> {
  const [row] = (await manager.query(`SELECT last_seq FROM tenant_event_sequences WHERE tenant_id = $1`, [
    tenantId,
  ])) as Array<{ last_seq: string }>;
  return row ? Number(row.last_seq) : 0;
}
