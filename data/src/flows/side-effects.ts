import type { DataSource, EntityManager } from 'typeorm';

export interface SideEffectRecord<T> {
  result: T;
  /** False when this call found the effect already done (a retry or a replay). */
  performed: boolean;
  captured: boolean;
}

/** The idempotency key of one side effect (run + node + visit) and what to record with it. */
export interface SideEffectKey {
  key: string;
  tenantId: string;
  enrollmentId: string;
  nodeType: string;
  captured: boolean;
}

/**
 * Runs a side effect at most once per key. The key row and the effect's own writes commit
 * in one transaction, so a crash before commit leaves neither and a retry does it again;
 * a crash after commit leaves both and a retry returns the stored result.
 * For effects outside PostgreSQL (HTTP calls), `work` passes the key on to the provider.
 */
export async function once<T>(
  db: DataSource,
  key: SideEffectKey,
  work: (manager: EntityManager) => Promise<T>,
): Promise<SideEffectRecord<T>> {
  return db.transaction(async (manager) => {
    const claimed = (await manager.query(
      `INSERT INTO flow_side_effects (key, tenant_id, enrollment_id, node_type, captured, result)
       VALUES ($1, $2, $3, $4, $5, 'null') ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key.key, key.tenantId, key.enrollmentId, key.nodeType, key.captured],
    )) as unknown[];
    if (claimed.length === 0) {
      const existing = (await storedRecord<T>(manager, key.key))!;
      return { ...existing, performed: false };
    }
    const result = await work(manager);
    await manager.query(`UPDATE flow_side_effects SET result = $2 WHERE key = $1`, [
      key.key,
      JSON.stringify(result ?? null),
    ]);
    return { result, performed: true, captured: key.captured };
  });
}

/**
 * `once` for an effect made only of writes to this database, in one round trip fewer: the
 * work runs first and the key row, with its result, is inserted last, in the same
 * transaction. A second attempt (a retry after the commit, or one racing the first) finds
 * the key taken when it inserts, or fails on the state the first one left: either way its
 * transaction rolls back, so none of its writes happen, and it answers the stored result.
 * Effects outside PostgreSQL must use `once`, which claims the key before it acts.
 */
export async function onceInDatabase<T>(
  db: DataSource,
  key: SideEffectKey,
  work: (manager: EntityManager) => Promise<T>,
): Promise<SideEffectRecord<T>> {
  try {
    return await db.transaction(async (manager) => {
      const result = await work(manager);
      const inserted = (await manager.query(
        `INSERT INTO flow_side_effects (key, tenant_id, enrollment_id, node_type, captured, result)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key.key, key.tenantId, key.enrollmentId, key.nodeType, key.captured, JSON.stringify(result ?? null)],
      )) as unknown[];
      if (inserted.length === 0) throw new KeyTaken();
      return { result, performed: true, captured: key.captured };
    });
  } catch (error) {
    // Not taken (or not readable, e.g. the database is down): the attempt failed for real.
    const existing = await storedRecord<T>(db, key.key).catch(() => undefined);
    if (!existing) throw error;
    return { ...existing, performed: false };
  }
}

async function storedRecord<T>(db: DataSource | EntityManager, key: string) {
  const [row] = (await db.query(`SELECT result, captured FROM flow_side_effects WHERE key = $1`, [key])) as Array<{
    result: T;
    captured: boolean;
  }>;
  return row ? { result: row.result, captured: row.captured } : undefined;
}

/** Rolls back an attempt that found its key already taken. */
class KeyTaken extends Error {}

export async function listSideEffects(db: DataSource, tenantId: string, enrollmentId: string) {
  return (await db.query(
    `SELECT key, node_type, captured, result, created_at FROM flow_side_effects WHERE tenant_id = $1 AND enrollment_id = $2 ORDER BY created_at`,
    [tenantId, enrollmentId],
  )) as Array<{ key: string; node_type: string; captured: boolean; result: unknown; created_at: Date }>;
}
