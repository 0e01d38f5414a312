import { EntitySchema } from 'typeorm';

export interface ImportRow {
  tenantId: string;
  id: string;
  status: 'running' | 'completed' | 'failed';
  fileName: string | null;
  columns: string[];
  mapping: Record<string, string | null>;
  total: number;
  done: number;
  created: number;
  updated: number;
  failed: number;
  workflowId: string;
  createdByKind: string;
  createdById: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

export const ImportEntity = new EntitySchema<ImportRow>({
  name: 'Import',
  tableName: 'imports',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    status: { type: 'text' },
    fileName: { type: 'text', name: 'file_name', nullable: true },
    columns: { type: 'jsonb' },
    mapping: { type: 'jsonb' },
    total: { type: 'int' },
    done: { type: 'int' },
    created: { type: 'int' },
    updated: { type: 'int' },
    failed: { type: 'int' },
    workflowId: { type: 'text', name: 'workflow_id' },
    createdByKind: { type: 'text', name: 'created_by_kind' },
    createdById: { type: 'text', name: 'created_by_id', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    completedAt: { type: 'timestamptz', name: 'completed_at', nullable: true },
  },
});

export interface ImportFileRow {
  tenantId: string;
  importId: string;
  position: number;
  line: number;
  cells: string[];
  outcome: 'created' | 'updated' | 'failed' | null;
  error: string | null;
}

export const ImportFileRowEntity = new EntitySchema<ImportFileRow>({
  name: 'ImportFileRow',
  tableName: 'import_rows',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    importId: { type: 'uuid', primary: true, name: 'import_id' },
    position: { type: 'int', primary: true },
    line: { type: 'int' },
    cells: { type: 'jsonb' },
    outcome: { type: 'text', nullable: true },
    error: { type: 'text', nullable: true },
  },
});
