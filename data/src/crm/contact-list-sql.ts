import {
  parseCustomFieldFilterValue,
  UserError,
  type ContactListQuery,
  type ContactSortField,
  type CustomFieldDefinition,
} from '@cadenza/core';
import type { KeysetOrder } from './keyset-page';
import type { SqlParams } from './sql-params';
import { searchCondition } from './prefix-search';

/** The allow-list behind `sort`: each field maps to a NOT NULL expression with a matching index. */
const SORT_KEYS: Record<ContactSortField, Pick<KeysetOrder, 'expression' | 'cast'>> = {
  createdAt: { expression: 'c.created_at', cast: 'timestamptz' },
  updatedAt: { expression: 'c.updated_at', cast: 'timestamptz' },
  score: { expression: 'c.score', cast: 'integer' },
  lastName: { expression: "coalesce(lower(c.last_name), '')", cast: 'text' },
  email: { expression: "coalesce(lower(c.email), '')", cast: 'text' },
};

export function contactOrder(sort: string): KeysetOrder {
  const [field, direction] = sort.split(':') as [ContactSortField, 'asc' | 'desc'];
  const key = SORT_KEYS[field];
  if (!key || (direction !== 'asc' && direction !== 'desc')) throw new Error(`unknown contact sort ${sort}`);
  return { name: sort, ...key, direction, idExpression: 'c.id' };
}

const badFilter = (field: string, message: string) =>
  new UserError('validation_failed', `invalid query: query.${field}: ${message}`, {
    fields: [{ field: `query.${field}`, message }],
  });

/**
 * Turns a contact list query's filters into WHERE conditions over alias `c`. Every value is
 * bound; custom field filters are typed by the tenant's definitions, so `seats:12` matches
 * the number 12 and an unknown key is refused naming the field.
 */
export function contactFilterConditions(
  query: Omit<ContactListQuery, 'cursor' | 'limit' | 'sort'>,
  params: SqlParams,
  definitions: ReadonlyArray<Pick<CustomFieldDefinition, 'key' | 'type' | 'options'>>,
): string[] {
  const where: string[] = [];
  if (query.q) where.push(searchCondition('c.search', query.q, (value) => params.add(value)));
  if (query.email) where.push(`lower(c.email) = lower(${params.add(query.email)})`);
  if (query.lifecycleStage) where.push(`c.lifecycle_stage = ${params.add(query.lifecycleStage)}`);
  if (query.leadStatus) where.push(`c.lead_status = ${params.add(query.leadStatus)}`);
  if (query.ownerId) where.push(`c.owner_id = ${params.add(query.ownerId)}::uuid`);
  if (query.companyId) where.push(`c.company_id = ${params.add(query.companyId)}::uuid`);
  if (query.tag?.length) where.push(`c.tags @> ${params.add(query.tag)}::text[]`);
  if (query.scoreMin !== undefined) where.push(`c.score >= ${params.add(query.scoreMin)}`);
  if (query.scoreMax !== undefined) where.push(`c.score <= ${params.add(query.scoreMax)}`);
  if (query.customField?.length) {
    const byKey = new Map(definitions.map((d) => [d.key, d]));
    const match: Record<string, unknown> = {};
    for (const { key, value } of query.customField) {
      const definition = byKey.get(key);
      if (!definition) throw badFilter('customField', `${key} is not a custom field of this workspace`);
      const parsed = parseCustomFieldFilterValue(definition, value);
      if (parsed === null) throw badFilter('customField', `${key} is a ${definition.type} field; got ${value}`);
      match[key] = parsed;
    }
    where.push(`c.custom_fields @> ${params.add(JSON.stringify(match))}::jsonb`);
  }
  return where;
}
