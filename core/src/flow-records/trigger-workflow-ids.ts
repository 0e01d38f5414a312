/** One dispatcher per tenant: the fixed id makes starting it idempotent. */
export const triggerDispatcherWorkflowId = (tenantId: string) => `trigger-dispatcher:${tenantId}`;

/** One Temporal Schedule per scheduled flow. */
export const flowScheduleId = (tenantId: string, flowId: string) => `flow-schedule:${tenantId}:${flowId}`;

/** Prefix of the workflows a flow's schedule starts (Temporal appends the tick's time). */
export const scheduledEnrollmentWorkflowId = (tenantId: string, flowId: string) =>
  `scheduled-enroll:${tenantId}:${flowId}`;

/** Memo key holding the dispatcher's cursor, readable even after it stopped. */
export const TRIGGER_DISPATCHER_MEMO = { cursor: 'cursor' } as const;
