import { z } from 'zod';

/** What a form or service posts to a webhook-triggered flow. */
export const WebhookRequestSchema = z
  .object({
    email: z.email().max(254).optional().describe('contact email; the contact is created when unknown'),
    contactId: z.uuid().optional().describe('an existing contact to enroll (wins over email)'),
    data: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("the sender's payload; the trigger's contactEmailPath may point into it, e.g. data.email"),
  })
  .describe('An inbound form submission or service call');
export type WebhookRequest = z.infer<typeof WebhookRequestSchema>;
