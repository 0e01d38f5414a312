import { managerOf, type Db } from '../crm/db';

/**
 * Deletes audit entries older than `olderThan`, in batches so one run never holds a long lock
 * on a big table. Returns how many went. Every tenant shares the deployment's retention.
 */
export async function pruneAuditLog(db: Db, options: { olderThan: Date; batchSize?: number }): Promise<number> {
  const batchSize = options.batchSize ?? 5000;
  let deleted = 0;
  for (;;) {
    const [, count] = (await managerOf(db).query(
      `DELETE FROM audit_log WHERE (tenant_id, id) IN (
         SELECT tenant_id, id FROM audit_log WHERE at < $1 LIMIT $2)`,
      [options.olderThan, batchSize],
    )) as [unknown, number];
    deleted += count;
    if (count < batchSize) return deleted;
  }
}
