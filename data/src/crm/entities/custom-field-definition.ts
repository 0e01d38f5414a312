import { EntitySchema } from 'typeorm';
import type { CustomFieldType } from '@cadenza/core';

export interface CustomFieldDefinitionRow {
  tenantId: string;
  id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  createdAt: Date;
}

export const CustomFieldDefinitionEntity = new EntitySchema<CustomFieldDefinitionRow>({
  name: 'CustomFieldDefinition',
  tableName: 'custom_field_definitions',
  columns: {
    tenantId: { type: 'uuid', primary: true, name: 'tenant_id' },
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    key: { type: 'text' },
    label: { type: 'text' },
    type: { type: 'text' },
    options: { type: 'jsonb', default: () => "'[]'" },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
