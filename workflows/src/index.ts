export { smokeWorkflow, type SmokeWorkflowInput } from './smoke-workflow';
export { flowRunWorkflow } from './flow/flow-run-workflow';
export {
  bulkEnrollmentWorkflow,
  type BulkEnrollmentInput,
  type BulkEnrollmentProgress,
} from './flow/bulk-enrollment-workflow';
export type { FlowRunInput, FlowRunResult, StepRecord } from './flow/flow-run-types';
export { pruneEventLogWorkflow, type PruneEventLogWorkflowInput } from './prune-event-log-workflow';
export { retrainLeadScoringWorkflow, type RetrainLeadScoringInput } from './retrain-lead-scoring-workflow';
export {
  triggerDispatcherWorkflow,
  type TriggerDispatcherInput,
  type TriggerDispatcherResult,
} from './flow/triggers/trigger-dispatcher-workflow';
export {
  scheduledEnrollmentWorkflow,
  type ScheduledEnrollmentInput,
  type ScheduledEnrollmentResult,
} from './flow/triggers/scheduled-enrollment-workflow';
export {
  importContactsWorkflow,
  importProgressQuery,
  type ImportContactsInput,
} from './crm-import/import-contacts-workflow';
