import { z } from 'zod';

const name = z.string().trim().min(1).max(100).describe('label shown in the sender picker');
const mailboxIds = z
  .array(z.uuid())
  .min(1)
  .max(100)
  .refine((ids) => new Set(ids).size === ids.length, 'must not name a mailbox twice')
  .describe('the workspace mailboxes the pool rotates over');

/** A rotation pool: a named set of workspace mailboxes a flow sends from in turn. */
export const MailboxPoolCreateSchema = z.object({ name, mailboxIds }).describe('a rotation pool');
export type MailboxPoolCreate = z.infer<typeof MailboxPoolCreateSchema>;

export const MailboxPoolUpdateSchema = z
  .object({ name: name.optional(), mailboxIds: mailboxIds.optional() })
  .describe('fields to change; mailboxIds replaces the members');
export type MailboxPoolUpdate = z.infer<typeof MailboxPoolUpdateSchema>;

export const MailboxPoolViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  mailboxIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MailboxPoolView = z.infer<typeof MailboxPoolViewSchema>;

/** What the designer's sender picker offers: workspace mailboxes (no settings) and pools. */
export const SenderOptionsSchema = z.object({
  mailboxes: z.array(z.object({ id: z.string(), name: z.string(), fromAddress: z.string(), isDefault: z.boolean() })),
  pools: z.array(z.object({ id: z.string(), name: z.string(), size: z.number().int() })),
});
export type SenderOptions = z.infer<typeof SenderOptionsSchema>;
