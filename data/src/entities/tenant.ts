import { EntitySchema } from 'typeorm';

/** A workspace. Every other row belongs to exactly one tenant. */
export interface Tenant {
  id: string;
  name: string;
  createdAt: Date;
}

export const TenantEntity = new EntitySchema<Tenant>({
  name: 'Tenant',
  tableName: 'tenants',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    name: { type: 'text' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
