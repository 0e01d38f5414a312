import { z } from 'zod';
import { ActorKindSchema, IdSchema } from './common';

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
] as const;
export const AuditedEntitySchema = z.enum(AUDITED_ENTITIES).describe('kind of record changed');
export type AuditedEntity = z.infer<typeof AuditedEntitySchema>;

export const AuditActionSchema = z
  .enum(['create', 'update', 'delete', 'read'])
  .describe('what was done; read: personal data decoded for a person (Temporal payloads through the codec server)');
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  id: z.string().describe('entry id, increasing'),
  actor: z.object({ kind: ActorKindSchema, id: z.string().nullable() }),
  action: AuditActionSchema,
  entity: AuditedEntitySchema,
  entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable().describe('the record before; null on create'),
  after: z.record(z.string(), z.unknown()).nullable().describe('the record after; null on delete'),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListQuerySchema = z.object({
  entity: AuditedEntitySchema.optional(),
  entityId: IdSchema.optional().describe('only changes of this record'),
  cursor: z.string().max(200).optional().describe('from the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1-200'),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;
