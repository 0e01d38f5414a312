import { z } from 'zod';

/** The latest AI lead score of a contact with the model's explanation, when a flow scored it. */
export const ContactScoreSchema = z.object({
  score: z.number().int().describe('the score stored on the contact now'),
  explanation: z.string().nullable().describe("the model's reason for its latest score; null if never AI-scored"),
  scoredAt: z.string().nullable(),
  enrollmentId: z.string().nullable().describe('run whose score_lead step gave the explanation'),
  flowId: z.string().nullable(),
});
export type ContactScore = z.infer<typeof ContactScoreSchema>;
