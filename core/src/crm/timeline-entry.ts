import { z } from 'zod';
import { ActorSchema, IdSchema, IsoDateTimeSchema } from './common';

export const TIMELINE_KINDS = [
  'email_sent',
  'email_opened',
  'email_clicked',
  'email_replied',
  'stage_changed',
  'note',
  'enrolled',
  'unenrolled',
  'ai_action',
  'task',
  'field_changed',
] as const;
export const TimelineKindSchema = z.enum(TIMELINE_KINDS).describe('what happened');
export type TimelineKind = z.infer<typeof TimelineKindSchema>;

export const TimelineEntryCreateSchema = z.object({
  kind: TimelineKindSchema,
  summary: z.string().trim().min(1).max(500).describe('one line shown in the timeline'),
  data: z.record(z.string(), z.unknown()).default({}).describe('details: ids, subject lines, old/new values'),
  occurredAt: IsoDateTimeSchema.optional().describe('when it happened; default now'),
});
export type TimelineEntryCreate = z.input<typeof TimelineEntryCreateSchema>;

export const TimelineEntrySchema = z.object({
  id: IdSchema,
  contactId: z.string(),
  kind: TimelineKindSchema,
  summary: z.string(),
  data: z.record(z.string(), z.unknown()),
  actor: ActorSchema.extend({
    name: z.string().nullable().describe("the user's name (or email) when a user did it; null otherwise"),
  }),
  occurredAt: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
