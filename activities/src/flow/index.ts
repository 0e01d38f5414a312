export {
  enrollContact,
  startTestRun,
  type EnrollmentDependencies,
  type EnrollmentOutcome,
  type EnrollmentRequest,
} from './enrollment';
export type { FlowCrmPort, FlowActor } from './flow-crm-port';
export type { FlowActionInput, FlowActionResult } from './flow-action-input';
export { createCrmFlowPort, patchForField } from './crm-flow-port';
export {
  ensureTriggerDispatcher,
  reconcileFlowTriggers,
  syncFlowTrigger,
  withTriggerSync,
  type TriggerSyncDependencies,
  type TriggerSyncOutcome,
} from './triggers/trigger-sync';
export { enrollFromWebhook, type WebhookEnrollmentOutcome } from './triggers/webhook-enrollment';
