import { z } from 'zod';
import { ActorKindSchema } from './common';

/**
 * Every kind of record the audit log names. A new audited kind is added here first, so an
 * entry about something not described here does not compile.
 */
export const AUDITED_ENTITIES = [
  'contact',
  'company',
  'pipeline',
  'stage',
  'deal',
  'task',
  'note',
  'custom_field',
  'approval',
  // A data key of Temporal payloads (destroyed by a GDPR erase).
  'payload_key',
  // Security and configuration (issue 24): accounts, memberships, keys, mailboxes, flows.
  'user',
  'membership',
  'invitation',
  'api_key',
  'mailbox',
  // A workspace's Twilio or Slack settings; the id is the provider's kind.
  'messaging_provider',
  'flow',
  'contact_export',
] as const;
export const AuditedEntitySchema = z.enum(AUDITED_ENTITIES).describe('kind of record changed');
export type AuditedEntity = z.infer<typeof AuditedEntitySchema>;

/** Every audited verb, with what it means; the migration's CHECK lists the same words. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  // Personal data decoded for a person (Temporal payloads through the codec server).
  'read',
  'sign_in',
  // The email tried is recorded, never the password; the reason says which check failed.
  'sign_in_failed',
  'sign_out',
  'publish',
  'pause',
  'resume',
  'archive',
  'export',
  // GDPR erasure: the contact id only, never its data.
  'erase',
  'connect',
  'disconnect',
  'accept',
  'decline',
  'revoke',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS).describe('what was done');
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  id: z.string().describe('entry id, increasing'),
  actor: z.object({ kind: ActorKindSchema, id: z.string().nullable() }),
  action: AuditActionSchema,
  entity: AuditedEntitySchema,
  entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable().describe('the record before; null on create'),
  after: z.record(z.string(), z.unknown()).nullable().describe('the record after; null on delete'),
  clientAddress: z.string().nullable().describe('the client IP of the request, as the sign-in limits see it'),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const isoTime = z.iso.datetime({ offset: true });

/** The filters the audit list and its CSV export share. */
export const AuditFilterSchema = z.object({
  entity: AuditedEntitySchema.optional(),
  entityId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('only entries about this record (an id, or a provider kind)'),
  action: AuditActionSchema.optional(),
  actorId: z.string().max(200).optional().describe('only entries by this user or API key id'),
  since: isoTime.optional().describe('entries at or after this time (ISO 8601)'),
  until: isoTime.optional().describe('entries before this time (ISO 8601)'),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditListQuerySchema = AuditFilterSchema.extend({
  cursor: z.string().max(200).optional().describe('from the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1-200'),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;

/** The most entries one CSV export holds; narrow the filters (since/until) for more. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
