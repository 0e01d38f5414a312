import { EntitySchema } from 'typeorm';

export interface TaskRow {
  tenantId: string;
  id: string;
  title: string;
  dueAt: Date | null;
  done: boolean;
  contactId: string | null;
  dealId: string | null;
  assigneeId: string | null;
  createdByKind: 'user' | 'flow';
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const TaskEntity = new EntitySchema<TaskRow>({
  name: 'Task',
  tableName: 'tasks',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    title: { type: 'text' },
    dueAt: { type: 'timestamptz', name: 'due_at', nullable: true },
    done: { type: 'boolean', default: false },
    contactId: { type: 'uuid', name: 'contact_id', nullable: true },
    dealId: { type: 'uuid', name: 'deal_id', nullable: true },
    assigneeId: { type: 'uuid', name: 'assignee_id', nullable: true },
    createdByKind: { type: 'text', name: 'created_by_kind' },
    createdById: { type: 'text', name: 'created_by_id', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
});
