import type { DataSource } from 'typeorm';

export interface PruneOptions {
  /** Events that occurred before this instant are deleted. */
  olderThan: Date;
  /** Rows per DELETE, so a large backlog never holds one long lock. */
  batchSize?: number;
}

/**
 * Deletes events older than the retention window, batch by batch. The per-tenant seq
 * counter is kept, so seqs keep increasing and a client resuming from a pruned seq is
 * told to refetch (the gateway sees the first retained seq jump past its cursor).
 */
export async function pruneDomainEvents(db: DataSource, options: PruneOptions): Promise<number> {
  const batchSize = options.batchSize ?? 5000;
  let total = 0;
  for (;;) {
    const [, deleted] = (await db.query(
      `DELETE FROM domain_events WHERE ctid IN (
         SELECT ctid FROM domain_events WHERE occurred_at < $1 LIMIT $2
       )`,
      [options.olderThan, batchSize],
    )) as [unknown, number];
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
