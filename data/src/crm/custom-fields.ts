import {
  NotFoundError,
  UserError,
  type CustomFieldDefinition,
  type CustomFieldDefinitionCreate,
  type CustomFieldDefinitionUpdate,
} from '@cadenza/core';
import { crmWrite, managerOf, queryRows, type Db } from './crm-write';
import type { CrmPrincipal } from './crm-principal';

const SELECT = `id, key, label, type, options, created_at AS "createdAt"`;
type DefinitionSqlRow = Omit<CustomFieldDefinition, 'createdAt'> & { createdAt: Date };
const toDefinition = (row: DefinitionSqlRow): CustomFieldDefinition => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

export async function listCustomFields(db: Db, principal: CrmPrincipal): Promise<CustomFieldDefinition[]> {
  const rows = (await managerOf(db).query(
    `SELECT ${SELECT} FROM custom_field_definitions WHERE tenant_id = $1 ORDER BY key`,
    [principal.tenantId],
  )) as DefinitionSqlRow[];
  return rows.map(toDefinition);
}

export async function createCustomField(
  db: Db,
  principal: CrmPrincipal,
  input: CustomFieldDefinitionCreate,
): Promise<CustomFieldDefinition> {
  return crmWrite(db, principal, async (write) => {
    const [row] = (await write.manager.query(
      `INSERT INTO custom_field_definitions (tenant_id, key, label, type, options)
       VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING ${SELECT}`,
      [
        principal.tenantId,
        input.key,
        input.label,
        input.type,
        JSON.stringify(input.type === 'select' ? (input.options ?? []) : []),
      ],
    )) as DefinitionSqlRow[];
    const definition = toDefinition(row!);
    write.audit('create', 'custom_field', definition.id, null, definition);
    return definition;
  });
}

/**
 * Label and options can change; removing an option that contacts still hold is refused, so
 * every stored value keeps matching its definition.
 */
export async function updateCustomField(
  db: Db,
  principal: CrmPrincipal,
  id: string,
  patch: CustomFieldDefinitionUpdate,
): Promise<CustomFieldDefinition> {
  return crmWrite(db, principal, async (write) => {
    const [before] = (await write.manager.query(
      `SELECT ${SELECT} FROM custom_field_definitions WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [principal.tenantId, id],
    )) as DefinitionSqlRow[];
    if (!before) throw new NotFoundError('custom field', id);
    if (patch.options && before.type !== 'select') {
      throw new UserError('validation_failed', 'invalid body: body.options: only select fields have options', {
        fields: [{ field: 'body.options', message: 'only select fields have options' }],
      });
    }
    if (patch.options) {
      const inUse = (await write.manager.query(
        `SELECT DISTINCT custom_fields ->> $2 AS value FROM contacts
         WHERE tenant_id = $1 AND custom_fields ? $2 AND NOT (custom_fields ->> $2 = ANY($3::text[]))`,
        [principal.tenantId, before.key, patch.options],
      )) as Array<{ value: string }>;
      if (inUse.length > 0) {
        const message = `contacts still hold ${inUse.map((r) => r.value).join(', ')}`;
        throw new UserError('validation_failed', `invalid body: body.options: ${message}`, {
          fields: [{ field: 'body.options', message }],
        });
      }
    }
    const [row] = await queryRows<DefinitionSqlRow>(
      write.manager,
      `UPDATE custom_field_definitions SET label = coalesce($3, label), options = coalesce($4::jsonb, options)
       WHERE tenant_id = $1 AND id = $2 RETURNING ${SELECT}`,
      [principal.tenantId, id, patch.label ?? null, patch.options ? JSON.stringify(patch.options) : null],
    );
    const after = toDefinition(row!);
    write.audit('update', 'custom_field', id, toDefinition(before), after);
    return after;
  });
}

/** Deleting a definition also removes its values from every contact, so no value is left undefined. */
export async function deleteCustomField(db: Db, principal: CrmPrincipal, id: string): Promise<void> {
  await crmWrite(db, principal, async (write) => {
    const [before] = await queryRows<DefinitionSqlRow>(
      write.manager,
      `DELETE FROM custom_field_definitions WHERE tenant_id = $1 AND id = $2 RETURNING ${SELECT}`,
      [principal.tenantId, id],
    );
    if (!before) throw new NotFoundError('custom field', id);
    await write.manager.query(
      `UPDATE contacts SET custom_fields = custom_fields - $2 WHERE tenant_id = $1 AND custom_fields ? $2`,
      [principal.tenantId, before.key],
    );
    write.audit('delete', 'custom_field', id, toDefinition(before), null);
  });
}
