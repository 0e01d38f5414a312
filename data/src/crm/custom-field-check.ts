import type { EntityManager } from 'typeorm';
import { checkCustomFieldValues, UserError, type CustomFieldDefinition } from '@cadenza/core';

export type DefinitionShape = Pick<CustomFieldDefinition, 'key' | 'type' | 'options'>;

export async function loadDefinitionShapes(manager: EntityManager, tenantId: string): Promise<DefinitionShape[]> {
  return (await manager.query(`SELECT key, type, options FROM custom_field_definitions WHERE tenant_id = $1`, [
    tenantId,
  ])) as DefinitionShape[];
}

/** Refuses values that do not fit the tenant's definitions with a 400 naming each field. */
export async function assertCustomFieldValues(
  manager: EntityManager,
  tenantId: string,
  values: Record<string, unknown> | undefined,
): Promise<void> {
  if (!values || Object.keys(values).length === 0) return;
  const problems = checkCustomFieldValues(await loadDefinitionShapes(manager, tenantId), values);
  if (problems.length === 0) return;
  const fields = problems.map((p) => ({ field: `body.${p.field}`, message: p.message }));
  throw new UserError(
    'validation_failed',
    `invalid body: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    { fields },
  );
}

/** PATCH merge of custom fields: keys sent replace, `null` removes, others stay. */
export function mergeCustomFields(
  current: Record<string, unknown>,
  patch: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
