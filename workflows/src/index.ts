import type { WorkflowContracts } from '@cadenza/contracts';
import { smokeWorkflow } from './smoke-workflow';
import { flowRunWorkflow } from './flow/flow-run-workflow';
import { bulkEnrollmentWorkflow } from './flow/bulk-enrollment-workflow';
import { pruneEventLogWorkflow } from './prune-event-log-workflow';
import { retrainLeadScoringWorkflow } from './retrain-lead-scoring-workflow';
import { triggerDispatcherWorkflow } from './flow/triggers/trigger-dispatcher-workflow';
import { scheduledEnrollmentWorkflow } from './flow/triggers/scheduled-enrollment-workflow';
import { importContactsWorkflow } from './crm-import/import-contacts-workflow';
import { mailboxSyncWorkflow } from './messaging/mailbox-sync-workflow';
import { replyTriageWorkflow } from './reply-triage-workflow';
import {
  knowledgeEmbedQueryWorkflow,
  knowledgeIndexDocumentWorkflow,
  knowledgeIndexerWorkflow,
} from './knowledge/knowledge-workflows';

/**
 * The workflows the worker registers (every exported function here is one). Each is checked
 * against its contract in ./contracts, which clients import to start and signal it by name.
 */
export {
  smokeWorkflow,
  flowRunWorkflow,
  bulkEnrollmentWorkflow,
  pruneEventLogWorkflow,
  retrainLeadScoringWorkflow,
  triggerDispatcherWorkflow,
  scheduledEnrollmentWorkflow,
  importContactsWorkflow,
  mailboxSyncWorkflow,
  replyTriageWorkflow,
  knowledgeIndexDocumentWorkflow,
  knowledgeEmbedQueryWorkflow,
  knowledgeIndexerWorkflow,
};

// A workflow whose signature drifts from its contract, or a contract without a workflow, fails to compile here.
const _conformance = {
  smokeWorkflow,
  flowRunWorkflow,
  bulkEnrollmentWorkflow,
  pruneEventLogWorkflow,
  retrainLeadScoringWorkflow,
  triggerDispatcherWorkflow,
  scheduledEnrollmentWorkflow,
  importContactsWorkflow,
  mailboxSyncWorkflow,
  replyTriageWorkflow,
  knowledgeIndexDocumentWorkflow,
  knowledgeEmbedQueryWorkflow,
  knowledgeIndexerWorkflow,
} satisfies WorkflowContracts;
