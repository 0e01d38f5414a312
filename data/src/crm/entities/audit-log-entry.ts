import { EntitySchema } from 'typeorm';
import type { AuditAction } from '@cadenza/core';

export interface AuditLogRow {
  tenantId: string;
  /** bigint comes back from pg as a string. */
  id: string;
  actorKind: string;
  actorId: string | null;
  action: AuditAction;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  clientAddress: string | null;
  at: Date;
}

export const AuditLogEntity = new EntitySchema<AuditLogRow>({
  name: 'AuditLogEntry',
  tableName: 'audit_log',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'bigint', primary: true, generated: 'increment' },
    actorKind: { type: 'text', name: 'actor_kind' },
    actorId: { type: 'text', name: 'actor_id', nullable: true },
    action: { type: 'text' },
    entity: { type: 'text' },
    entityId: { type: 'text', name: 'entity_id' },
    before: { type: 'jsonb', nullable: true },
    after: { type: 'jsonb', nullable: true },
    clientAddress: { type: 'text', name: 'client_address', nullable: true },
    at: { type: 'timestamptz', createDate: true },
  },
});
