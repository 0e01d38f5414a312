import { EntitySchema } from 'typeorm';

export interface PipelineRow {
  tenantId: string;
  id: string;
  name: string;
  createdAt: Date;
}

export const PipelineEntity = new EntitySchema<PipelineRow>({
  name: 'Pipeline',
  tableName: 'pipelines',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    name: { type: 'text' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
