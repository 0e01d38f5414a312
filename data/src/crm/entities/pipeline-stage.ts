import { EntitySchema } from 'typeorm';

export interface PipelineStageRow {
  tenantId: string;
  id: string;
  pipelineId: string;
  name: string;
  probability: number | null;
  position: number;
  createdAt: Date;
}

export const PipelineStageEntity = new EntitySchema<PipelineStageRow>({
  name: 'PipelineStage',
  tableName: 'pipeline_stages',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    pipelineId: { type: 'uuid', name: 'pipeline_id' },
    name: { type: 'text' },
    probability: { type: 'integer', nullable: true },
    position: { type: 'integer' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
