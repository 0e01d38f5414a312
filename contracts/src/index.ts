import type { ImportProgress, ReplyTriage, ScoringModel, SmokeRunRecord } from '@cadenza/core';
import type { BulkEnrollmentInput, BulkEnrollmentProgress } from './bulk-enrollment';
import type { FlowRunInput, FlowRunResult } from './flow-run';
import type { ImportContactsInput } from './import-contacts';
import type { MailboxSyncInput, MailboxSyncResult } from './mailbox-sync';
import type { ReplyTriageWorkflowInput } from './reply-triage';
import type {
  KnowledgeEmbedQueryInput,
  KnowledgeEmbedQueryResult,
  KnowledgeIndexDocumentInput,
  KnowledgeIndexDocumentResult,
  KnowledgeIndexerInput,
} from './knowledge';
import type { PruneEventLogWorkflowInput, RetrainLeadScoringInput, SmokeWorkflowInput } from './maintenance';
import type {
  ScheduledEnrollmentInput,
  ScheduledEnrollmentResult,
  TriggerDispatcherInput,
  TriggerDispatcherResult,
} from './triggers';

/*
 * The workflows' contracts, with one owner: inputs, results, signals and queries. Workflow-safe
 * (only @temporalio/workflow's define* and types from core), so the workflows import it and so
 * do the API, the services and the activities that start or signal them, with typed payloads.
 */
export * from './flow-run';
export * from './bulk-enrollment';
export * from './import-contacts';
export * from './triggers';
export * from './maintenance';
export * from './mailbox-sync';
export * from './reply-triage';
export * from './knowledge';

/**
 * Every workflow type the worker registers, by name, with its signature. workflows/src/index.ts
 * checks each implementation against it; clients start by name with `start<WorkflowContracts[N]>`.
 */
export interface WorkflowContracts {
  flowRunWorkflow: (input: FlowRunInput) => Promise<FlowRunResult>;
  bulkEnrollmentWorkflow: (input: BulkEnrollmentInput) => Promise<BulkEnrollmentProgress>;
  importContactsWorkflow: (input: ImportContactsInput) => Promise<ImportProgress>;
  triggerDispatcherWorkflow: (input: TriggerDispatcherInput) => Promise<TriggerDispatcherResult>;
  scheduledEnrollmentWorkflow: (input: ScheduledEnrollmentInput) => Promise<ScheduledEnrollmentResult>;
  pruneEventLogWorkflow: (input: PruneEventLogWorkflowInput) => Promise<{ deleted: number; auditDeleted?: number }>;
  retrainLeadScoringWorkflow: (input: RetrainLeadScoringInput) => Promise<ScoringModel>;
  smokeWorkflow: (input: SmokeWorkflowInput) => Promise<SmokeRunRecord>;
  mailboxSyncWorkflow: (input: MailboxSyncInput) => Promise<MailboxSyncResult>;
  replyTriageWorkflow: (input: ReplyTriageWorkflowInput) => Promise<ReplyTriage>;
  knowledgeIndexDocumentWorkflow: (input: KnowledgeIndexDocumentInput) => Promise<KnowledgeIndexDocumentResult>;
  knowledgeEmbedQueryWorkflow: (input: KnowledgeEmbedQueryInput) => Promise<KnowledgeEmbedQueryResult>;
  knowledgeIndexerWorkflow: (input: KnowledgeIndexerInput) => Promise<void>;
}

export type WorkflowName = keyof WorkflowContracts;

/** The registered names, one per contract: a workflow added to the contracts and not named here fails to compile. */
export const WORKFLOW_NAMES: { readonly [N in WorkflowName]: N } = {
  flowRunWorkflow: 'flowRunWorkflow',
  bulkEnrollmentWorkflow: 'bulkEnrollmentWorkflow',
  importContactsWorkflow: 'importContactsWorkflow',
  triggerDispatcherWorkflow: 'triggerDispatcherWorkflow',
  scheduledEnrollmentWorkflow: 'scheduledEnrollmentWorkflow',
  pruneEventLogWorkflow: 'pruneEventLogWorkflow',
  retrainLeadScoringWorkflow: 'retrainLeadScoringWorkflow',
  smokeWorkflow: 'smokeWorkflow',
  mailboxSyncWorkflow: 'mailboxSyncWorkflow',
  replyTriageWorkflow: 'replyTriageWorkflow',
  knowledgeIndexDocumentWorkflow: 'knowledgeIndexDocumentWorkflow',
  knowledgeEmbedQueryWorkflow: 'knowledgeEmbedQueryWorkflow',
  knowledgeIndexerWorkflow: 'knowledgeIndexerWorkflow',
};
