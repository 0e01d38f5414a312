export {
  enrollContact,
  startTestRun,
  type EnrollmentDependencies,
  type EnrollmentOutcome,
  type EnrollmentRequest,
} from './enrollment';
export type { FlowCrmPort, FlowActor } from './flow-crm-port';
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
export {
  contactOfEvent,
  contactPassesFilter,
  EVENT_TRIGGER_TYPES,
  eventMatchesTrigger,
  type EventTrigger,
} from './triggers/event-trigger-match';
export { listTriggerFlows, type TriggerFlow } from './triggers/trigger-flows';
