import { z } from 'zod';
import { ActorSchema, IdSchema } from './common';

export const NoteCreateSchema = z
  .object({
    contactId: IdSchema.describe('contact the note is about'),
    body: z.string().trim().min(1).max(20_000).describe('note text, stored exactly as sent (plain text)'),
  })
  .strict();
export type NoteCreate = z.infer<typeof NoteCreateSchema>;

export const NoteSchema = z.object({
  id: IdSchema,
  contactId: z.string(),
  body: z.string(),
  author: ActorSchema,
  createdAt: z.string(),
});
export type Note = z.infer<typeof NoteSchema>;
