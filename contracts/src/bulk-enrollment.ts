import { defineQuery } from '@temporalio/workflow';

export interface BulkEnrollmentInput {
  tenantId: string;
  flowId: string;
  contactIds: string[];
  /** Contacts per activity call. */
  batchSize?: number;
  /** Batches in flight at once: bounds the load on Temporal and PostgreSQL. */
  concurrency?: number;
}

export interface BulkEnrollmentProgress {
  total: number;
  done: number;
  started: number;
  alreadyEnrolled: number;
  skipped: number;
  failed: number;
}

export const bulkEnrollmentProgressQuery = defineQuery<BulkEnrollmentProgress>('progress');
