import { EntitySchema } from 'typeorm';

export interface DealRow {
  tenantId: string;
  id: string;
  name: string;
  /** numeric comes back from pg as a string, to keep its precision. */
  amount: string | null;
  currency: string;
  pipelineId: string;
  stageId: string;
  contactId: string | null;
  companyId: string | null;
  ownerId: string | null;
  closeDate: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const DealEntity = new EntitySchema<DealRow>({
  name: 'Deal',
  tableName: 'deals',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    name: { type: 'text' },
    amount: { type: 'numeric', precision: 15, scale: 2, nullable: true },
    currency: { type: 'char', length: 3, default: 'USD' },
    pipelineId: { type: 'uuid', name: 'pipeline_id' },
    stageId: { type: 'uuid', name: 'stage_id' },
    contactId: { type: 'uuid', name: 'contact_id', nullable: true },
    companyId: { type: 'uuid', name: 'company_id', nullable: true },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    closeDate: { type: 'date', name: 'close_date', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
});
