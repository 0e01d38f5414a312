import { defineQuery } from '@temporalio/workflow';
import type { ImportProgress, Principal } from '@cadenza/core';

export interface ImportContactsInput {
  principal: Principal;
  importId: string;
  /** Data rows in the stored file. */
  total: number;
  /** Rows per activity call: each call reports progress once. */
  batchSize?: number;
}

export const importProgressQuery = defineQuery<ImportProgress>('progress');
