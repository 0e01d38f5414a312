import { z } from 'zod';

/** The answer of a mailbox connection test: whether the provider accepted the stored credentials. */
export const MailboxCheckResultSchema = z.object({
  ok: z.boolean().describe('the server or API accepted the connection and credentials'),
  message: z.string().describe('what the provider answered, or why the check failed'),
  durationMs: z.number().int().min(0).describe('how long the check took, in milliseconds'),
});
export type MailboxCheckResult = z.infer<typeof MailboxCheckResultSchema>;
