import { z } from 'zod';

export const RUN_STATUSES = ['running', 'waiting', 'paused', 'failed', 'completed', 'unenrolled', 'cancelled'] as const;
export const RunStatusSchema = z
  .enum(RUN_STATUSES)
  .describe('failed runs wait for a retry or a cancel; completed, unenrolled and cancelled are final');
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const STEP_STATUSES = ['completed', 'failed', 'waiting', 'captured'] as const;
export const StepStatusSchema = z
  .enum(STEP_STATUSES)
  .describe('captured: a test run recorded the side effect instead of doing it');
export type StepStatus = z.infer<typeof StepStatusSchema>;

export const StepRunSchema = z.object({
  nodeId: z.string(),
  nodeType: z.string(),
  visit: z.number().int().positive().describe('1 for the first pass through the node, 2 for the second…'),
  status: StepStatusSchema,
  output: z.string().nullable().describe('the output taken: next, yes, no, timeout, a variant…'),
  result: z
    .unknown()
    .describe(
      "what the step produced (ids, rendered text, captured side effect); an ai_agent step's trace is its toolCalls (tool, input, output or error, durationMs, index) and toolOutcome",
    ),
  error: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type StepRun = z.infer<typeof StepRunSchema>;

export const FlowRunSchema = z.object({
  enrollmentId: z.string(),
  workflowId: z.string(),
  flowId: z.string(),
  flowVersion: z.number().int(),
  contactId: z.string(),
  status: RunStatusSchema,
  currentNodeId: z.string().nullable(),
  exitReason: z.string().nullable(),
  testMode: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  restingUntil: z
    .string()
    .nullable()
    .optional()
    .describe('Reply triage rests the run until then: "paused until" (out of office) or "snoozed until" (not now)'),
  restReason: z.enum(['out_of_office', 'not_now']).nullable().optional().describe('Why the run rests'),
  temporalUiUrl: z.string().optional(),
});
export type FlowRun = z.infer<typeof FlowRunSchema>;

export const FlowRunDetailSchema = FlowRunSchema.extend({ steps: z.array(StepRunSchema) });

export const EnrollRequestSchema = z.object({
  contactIds: z
    .array(z.string().min(1).max(100))
    .min(1)
    .max(10_000)
    .describe('contacts to enroll (up to 10,000; more than 100 runs as a bulk enrollment workflow)'),
});

export const TestRunRequestSchema = z.object({
  contactId: z.string().min(1).max(100).describe('contact the test run uses; side effects are captured, not performed'),
  version: z.number().int().positive().optional().describe('published version to test; omitted tests the draft'),
});

export const InboundEventSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('reply'), messageId: z.string().optional() }),
    // An automatic answer (out of office, "I have left"): read by reply triage, never the contact replying.
    z.object({ kind: z.literal('auto_reply'), messageId: z.string().optional() }),
    z.object({ kind: z.literal('open'), messageId: z.string().optional() }),
    z.object({ kind: z.literal('click'), url: z.string().optional() }),
    z.object({ kind: z.literal('stage_change'), stage: z.string().optional() }),
    z.object({ kind: z.literal('unsubscribe') }),
    z.object({ kind: z.literal('bounce') }),
    z.object({ kind: z.literal('custom'), name: z.string().min(1).max(100) }),
  ])
  .describe('something the contact did, delivered to their run');
export type InboundEvent = z.infer<typeof InboundEventSchema>;

export const CancelRunSchema = z.object({ reason: z.string().trim().min(1).max(500).default('cancelled by a user') });
