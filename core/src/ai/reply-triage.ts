import { z } from 'zod';
import { REPLY_INTENTS, TRIAGE_MAX_TEXT, TRIAGE_REVIEW_THRESHOLD } from './reply-intents';

export * from './reply-intents';

/**
 * Reply triage: what an inbound reply (or automatic reply) means for the sequence that sent
 * the email. Shared by the classifier (services/src/ai/reply-triage), the API's
 * `POST /api/v1/ai/reply-triage`, the flow run that acts on a reply, and the designer.
 */
export const ReplyIntentSchema = z.enum(REPLY_INTENTS);

export const ReplyTriageRequestSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1)
      .max(TRIAGE_MAX_TEXT)
      .describe('The reply as received: body text, quoted text and signature included'),
    subject: z.string().max(998).optional().describe('The reply subject line, when known'),
    receivedAt: z
      .string()
      .datetime({ offset: true })
      .optional()
      .describe(
        'When the reply arrived (ISO 8601); return dates such as "back Monday" are read from it. Defaults to now',
      ),
  })
  .strict();
export type ReplyTriageRequest = z.infer<typeof ReplyTriageRequestSchema>;

/** Someone a "wrong person" reply points to. */
export const ReferralSchema = z.object({
  name: z.string().max(200).optional().describe('The referred person, as named in the reply'),
  email: z.string().max(320).optional().describe('Their email address, when the reply gives it'),
});
export type Referral = z.infer<typeof ReferralSchema>;

export const ReplyTriageSchema = z.object({
  intent: ReplyIntentSchema.describe('What the reply means for the sequence'),
  confidence: z.number().min(0).max(1).describe("The classifier's probability for that intent"),
  needsReview: z
    .boolean()
    .describe(`True when confidence is below ${TRIAGE_REVIEW_THRESHOLD}: a person confirms before the flow acts`),
  returnDate: z
    .string()
    .date()
    .optional()
    .describe('For out_of_office: the day the person is back (YYYY-MM-DD), when the reply says'),
  referral: ReferralSchema.optional().describe('For wrong_person: who to contact instead, when the reply names them'),
  model: z
    .string()
    .describe('Classifier and version that answered, e.g. `minilm-logreg@3f2a9c1d` or `openai:gpt-4o-mini`'),
});
export type ReplyTriage = z.infer<typeof ReplyTriageSchema>;

/**
 * The workflow that runs one triage for the API on the worker (the API never loads the model):
 * tenant-scoped, so its payloads (the reply text) are encrypted with the tenant's key.
 */
export const replyTriageWorkflowId = (tenantId: string, nonce: string) => `reply-triage:${tenantId}:${nonce}`;
