import { EntitySchema } from 'typeorm';

export interface TimelineEntryRow {
  tenantId: string;
  id: string;
  contactId: string;
  kind: string;
  summary: string;
  data: Record<string, unknown>;
  actorKind: string;
  actorId: string | null;
  occurredAt: Date;
}

export const TimelineEntryEntity = new EntitySchema<TimelineEntryRow>({
  name: 'TimelineEntry',
  tableName: 'timeline_entries',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    contactId: { type: 'uuid', name: 'contact_id' },
    kind: { type: 'text' },
    summary: { type: 'text' },
    data: { type: 'jsonb', default: () => "'{}'" },
    actorKind: { type: 'text', name: 'actor_kind' },
    actorId: { type: 'text', name: 'actor_id', nullable: true },
    occurredAt: { type: 'timestamptz', name: 'occurred_at' },
  },
});
