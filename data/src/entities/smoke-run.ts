import { EntitySchema } from 'typeorm';

/** One row per smoke workflow, written by its activity; the workflow id keeps it unique. */
export interface SmokeRun {
  workflowId: string;
  tenantId: string;
  message: string;
  recordedAt: Date;
}

export const SmokeRunEntity = new EntitySchema<SmokeRun>({
  name: 'SmokeRun',
  tableName: 'smoke_runs',
  columns: {
    workflowId: { type: 'text', primary: true, name: 'workflow_id' },
    tenantId: { type: 'uuid', name: 'tenant_id' },
    message: { type: 'text' },
    recordedAt: { type: 'timestamptz', name: 'recorded_at', createDate: true },
  },
});
