import type { DataSource } from 'typeorm';
import type { SmokeRunRecord } from '@cadenza/core';
import { recordSmokeRun } from '@cadenza/data';

/** Activities of the smoke workflow; the workflow id is the idempotency key of the write. */
export function createSmokeActivities(db: DataSource) {
  return {
    async recordSmokeRun(input: Omit<SmokeRunRecord, 'recordedAt'>): Promise<SmokeRunRecord> {
      return recordSmokeRun(db, input);
    },
  };
}

export type SmokeActivities = ReturnType<typeof createSmokeActivities>;
