import { EntitySchema } from 'typeorm';

export interface NoteRow {
  tenantId: string;
  id: string;
  contactId: string;
  body: string;
  authorKind: string;
  authorId: string | null;
  createdAt: Date;
}

export const NoteEntity = new EntitySchema<NoteRow>({
  name: 'Note',
  tableName: 'notes',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    contactId: { type: 'uuid', name: 'contact_id' },
    body: { type: 'text' },
    authorKind: { type: 'text', name: 'author_kind' },
    authorId: { type: 'text', name: 'author_id', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
