import type { ReplyTriageRequest } from '@cadenza/core';

/** One reply to triage for the API, in the caller's tenant (for the AI budget on the vendor path). */
export type ReplyTriageWorkflowInput = ReplyTriageRequest & { tenantId: string };
