import type { DataSource } from 'typeorm';
import type { SmokeRunRecord } from '@cadenza/core';
import { SmokeRunEntity, type SmokeRun } from './entities/smoke-run';

function toRecord(row: SmokeRun): SmokeRunRecord {
  return {
    workflowId: row.workflowId,
    tenantId: row.tenantId,
    message: row.message,
    recordedAt: row.recordedAt.toISOString(),
  };
}

/**
 * Writes the smoke row once per workflow id: a retried activity finds the row already
 * there and returns it unchanged.
 */
export async function recordSmokeRun(
  db: DataSource,
  input: Omit<SmokeRunRecord, 'recordedAt'>,
): Promise<SmokeRunRecord> {
  const repository = db.getRepository(SmokeRunEntity);
  await repository.createQueryBuilder().insert().values(input).orIgnore().execute();
  return toRecord(await repository.findOneByOrFail({ workflowId: input.workflowId, tenantId: input.tenantId }));
}

/** Tenant-scoped read: another tenant's workflow id finds nothing. */
export async function findSmokeRun(
  db: DataSource,
  tenantId: string,
  workflowId: string,
): Promise<SmokeRunRecord | null> {
  const row = await db.getRepository(SmokeRunEntity).findOneBy({ tenantId, workflowId });
  return row ? toRecord(row) : null;
}
