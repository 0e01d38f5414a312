/**
 * Workflow ids of flow runs. An enrollment's id is derived from (tenant, flow, contact), so
 * Temporal itself refuses a second open enrollment of the same contact in the same flow.
 */
export const enrollmentWorkflowId = (tenantId: string, flowId: string, contactId: string) =>
  `flow:${tenantId}:${flowId}:${contactId}`;

/** Test runs never collide with real enrollments or with each other. */
export const testRunWorkflowId = (tenantId: string, flowId: string, contactId: string, nonce: string) =>
  `flowtest:${tenantId}:${flowId}:${contactId}:${nonce}`;

export const bulkEnrollmentWorkflowId = (tenantId: string, flowId: string, nonce: string) =>
  `bulk-enroll:${tenantId}:${flowId}:${nonce}`;

/** The key of one side effect: stable across activity retries, worker crashes, replays and continue-as-new. */
export const sideEffectKey = (enrollmentId: string, nodeId: string, visit: number) =>
  `${enrollmentId}:${nodeId}:${visit}`;
