import { z } from 'zod';

/**
 * The kinds of thing a domain event is about. Socket rooms and trigger filters key on
 * these, so they are a closed list.
 */
export const EVENT_SUBJECTS = [
  'contact',
  'company',
  'deal',
  'task',
  'note',
  'message',
  'flow',
  'run',
  'step',
  'import',
  'approval',
  'user',
  'tenant',
] as const;
export const EventSubjectSchema = z.enum(EVENT_SUBJECTS);
export type EventSubject = z.infer<typeof EventSubjectSchema>;

/** `subject.verb`, e.g. contact.created, deal.stage_changed, run.step_completed. */
export const EventTypeSchema = z
  .string()
  .regex(/^[a-z_]+\.[a-z_]+$/, 'event types look like subject.verb, e.g. contact.updated')
  .describe('subject.verb, e.g. contact.created');

/** What a writer hands to the event log, inside the transaction of the change it describes. */
export const NewDomainEventSchema = z.object({
  type: EventTypeSchema,
  subject: EventSubjectSchema.describe('kind of record the event is about'),
  subjectId: z.string().min(1).describe('id of that record'),
  /** Small on purpose: clients fetch details when they need them. */
  payload: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('small summary of the change (ids, changed field names)'),
  actor: z
    .object({ kind: z.enum(['user', 'api_key', 'workflow', 'system']), id: z.string().nullable() })
    .default({ kind: 'system', id: null })
    .describe('who caused the change'),
});
export type NewDomainEvent = z.input<typeof NewDomainEventSchema>;

/** An event as stored: `seq` orders a tenant's events without gaps. */
export const DomainEventSchema = NewDomainEventSchema.extend({
  tenantId: z.string(),
  seq: z.number().int().positive().describe('per-tenant position in the event log, gapless and increasing'),
  occurredAt: z.string().describe('ISO-8601 commit-side timestamp'),
});
export type DomainEvent = z.infer<typeof DomainEventSchema>;
