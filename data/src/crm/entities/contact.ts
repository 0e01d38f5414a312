import { EntitySchema } from 'typeorm';

/** A contact row. The generated `search` tsvector is left out: only SQL reads it. */
export interface ContactRow {
  tenantId: string;
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  ownerId: string | null;
  lifecycleStage: string | null;
  leadStatus: string | null;
  source: string | null;
  timezone: string | null;
  tags: string[];
  score: number;
  customFields: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export const ContactEntity = new EntitySchema<ContactRow>({
  name: 'Contact',
  tableName: 'contacts',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    firstName: { type: 'text', name: 'first_name', nullable: true },
    lastName: { type: 'text', name: 'last_name', nullable: true },
    email: { type: 'text', nullable: true },
    phone: { type: 'text', nullable: true },
    title: { type: 'text', nullable: true },
    companyId: { type: 'uuid', name: 'company_id', nullable: true },
    companyName: { type: 'text', name: 'company_name', nullable: true },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    lifecycleStage: { type: 'text', name: 'lifecycle_stage', nullable: true },
    leadStatus: { type: 'text', name: 'lead_status', nullable: true },
    source: { type: 'text', nullable: true },
    timezone: { type: 'text', nullable: true },
    tags: { type: 'text', array: true, default: () => "'{}'" },
    score: { type: 'integer', default: 0 },
    customFields: { type: 'jsonb', name: 'custom_fields', default: () => "'{}'" },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
});
