import type { LeadOutcome } from '@cadenza/core';

export interface PruneEventLogWorkflowInput {
  /** Keep this many days of domain events. */
  retentionDays: number;
  /** Keep this many days of the audit trail; absent in Schedules made before it existed (then it is not pruned). */
  auditRetentionDays?: number;
}

export interface RetrainLeadScoringInput {
  tenantId: string;
  outcome: LeadOutcome;
  trainedBy: 'api' | 'schedule';
}

export interface SmokeWorkflowInput {
  tenantId: string;
  message: string;
}
