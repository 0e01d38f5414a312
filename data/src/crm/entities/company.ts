import { EntitySchema } from 'typeorm';

export interface CompanyRow {
  tenantId: string;
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: number | null;
  ownerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CompanyEntity = new EntitySchema<CompanyRow>({
  name: 'Company',
  tableName: 'companies',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    name: { type: 'text' },
    domain: { type: 'text', nullable: true },
    industry: { type: 'text', nullable: true },
    size: { type: 'integer', nullable: true },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
});
