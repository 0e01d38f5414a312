import { z } from 'zod';
import { ActorSchema } from '../crm/common';
import { DraftReviewSchema } from './draft-gate';

/** What an agent chain drafted for a human to approve. */
export const AgentDraftSchema = z.object({
  subject: z.string().trim().min(1).max(200).describe('Email subject line'),
  body: z.string().trim().min(1).max(5000).describe('Email body, plain text'),
});
export type AgentDraft = z.infer<typeof AgentDraftSchema>;

/**
 * How a waiting agent chain goes on. approve and edit send (edit with the human's text),
 * reject ends the chain without sending; timeout and cancelled are decided by the run itself.
 */
export const AgentDecisionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve') }),
  z.object({ action: z.literal('edit'), draft: AgentDraftSchema }),
  z.object({ action: z.literal('reject'), reason: z.string().trim().max(500).optional() }),
  z.object({ action: z.literal('timeout') }),
  z.object({ action: z.literal('cancelled') }),
]);
export type AgentDecision = z.infer<typeof AgentDecisionSchema>;

/** The signal's payload: the decision for one waiting step (its side-effect key) and who made it. */
export const AgentApprovalSignalSchema = z.object({
  key: z.string().min(1).describe('enrollment + node + visit of the waiting step'),
  decision: AgentDecisionSchema,
  decidedBy: ActorSchema,
});
export type AgentApprovalSignal = z.infer<typeof AgentApprovalSignalSchema>;

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'cancelled'] as const;
export const ApprovalStatusSchema = z.enum(APPROVAL_STATUSES).describe('where the draft stands');
export type ApprovalStatus = z.infer<typeof ApprovalStatusSchema>;

/** One draft in the approvals inbox. */
export const ApprovalSchema = z.object({
  id: z.uuid(),
  status: ApprovalStatusSchema,
  enrollmentId: z.string().describe('run that waits for the decision'),
  workflowId: z.string(),
  nodeId: z.string(),
  testMode: z.boolean(),
  flow: z.object({ id: z.string(), name: z.string() }),
  contact: z.object({
    id: z.string(),
    name: z.string().describe('first and last name, or the email when there is none'),
    email: z.string().nullable(),
  }),
  draft: AgentDraftSchema.describe('what the agent wrote; for a proposed tool call, what the call would do'),
  toolCall: z
    .object({
      index: z.number().int().describe("the call's position among the step's tool calls"),
      tool: z.string().describe('the agent tool, e.g. update_field'),
      input: z.record(z.string(), z.unknown()).describe('its arguments'),
    })
    .nullable()
    .default(null)
    .describe('a tool call the agent asks to make (approve runs it, reject skips it); null for a draft'),
  review: DraftReviewSchema.nullable()
    .default(null)
    .describe(
      "the quality gate's verdict on the draft and whether the model or the template wrote it; null for drafts from before the gate",
    ),
  sent: AgentDraftSchema.nullable().describe('what was approved for sending (the edit when a human changed it)'),
  context: z.record(z.string(), z.unknown()).describe("the chain's research notes and score, for the reviewer"),
  reason: z.string().nullable().describe('why it was rejected'),
  decidedBy: ActorSchema.nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable().describe('when the run stops waiting and takes its timeout path'),
  decidedAt: z.string().nullable(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ApprovalListQuerySchema = z.object({
  status: ApprovalStatusSchema.default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1-200'),
  cursor: z.string().max(200).optional().describe('from the previous page'),
});
export type ApprovalListQuery = z.infer<typeof ApprovalListQuerySchema>;

/** POST /approvals/:id/approve: an optional edit of the draft, sent instead of the agent's text. */
export const ApproveRequestSchema = z.object({
  draft: AgentDraftSchema.optional().describe('edited subject and body; omitted sends the draft as it is'),
});
export type ApproveRequest = z.infer<typeof ApproveRequestSchema>;

export const RejectRequestSchema = z.object({
  reason: z.string().trim().max(500).optional().describe('why, shown on the timeline'),
});
export type RejectRequest = z.infer<typeof RejectRequestSchema>;

/** The approval status a decision leaves behind. */
export const statusAfter = (decision: AgentDecision): Exclude<ApprovalStatus, 'pending'> =>
  (
    ({
      approve: 'approved',
      edit: 'approved',
      reject: 'rejected',
      timeout: 'expired',
      cancelled: 'cancelled',
    }) as const
  )[decision.action];
