import { z } from 'zod';
import { IdSchema } from './common';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select'] as const;
export const CustomFieldTypeSchema = z.enum(CUSTOM_FIELD_TYPES).describe('value type of the field');
export type CustomFieldType = z.infer<typeof CustomFieldTypeSchema>;

/** Keys become JSON keys and `contact.custom.<key>` references in flows, so they stay identifier-like. */
export const CustomFieldKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be lower_snake_case, starting with a letter, at most 63 characters')
  .describe('stable key, e.g. industry');

const DefinitionFields = {
  key: CustomFieldKeySchema,
  label: z.string().trim().min(1).max(120).describe('label shown in the app'),
  type: CustomFieldTypeSchema,
  options: z.array(z.string().trim().min(1).max(120)).max(200).optional().describe('allowed values of a select field'),
};

export const CustomFieldDefinitionCreateSchema = z
  .object(DefinitionFields)
  .refine((d) => d.type !== 'select' || (d.options?.length ?? 0) > 0, {
    path: ['options'],
    message: 'a select field needs at least one option',
  });
export type CustomFieldDefinitionCreate = z.infer<typeof CustomFieldDefinitionCreateSchema>;

/** The key and type are fixed once values may exist; label and options can change. */
export const CustomFieldDefinitionUpdateSchema = z
  .object({ label: DefinitionFields.label, options: DefinitionFields.options })
  .partial();
export type CustomFieldDefinitionUpdate = z.infer<typeof CustomFieldDefinitionUpdateSchema>;

export const CustomFieldDefinitionSchema = z.object({
  id: IdSchema,
  key: CustomFieldKeySchema,
  label: z.string(),
  type: CustomFieldTypeSchema,
  options: z.array(z.string()).describe('allowed values of a select field; empty for other types'),
  createdAt: z.string(),
});
export type CustomFieldDefinition = z.infer<typeof CustomFieldDefinitionSchema>;

/** Values as sent: typed per the tenant's definitions, checked by `checkCustomFieldValues`; null clears. */
export const CustomFieldValuesSchema = z
  .record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .describe('custom field values by key; types follow the tenant’s field definitions; null clears a value');
export type CustomFieldValues = z.infer<typeof CustomFieldValuesSchema>;

export interface CustomFieldProblem {
  field: string;
  message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?$/;

function problemWith(definition: Pick<CustomFieldDefinition, 'type' | 'options'>, value: unknown): string | null {
  if (value === null) return null;
  switch (definition.type) {
    case 'text':
      return typeof value === 'string' ? null : 'expects text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'expects a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'expects true or false';
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'expects an ISO-8601 date, e.g. 2025-01-31';
    case 'select':
      return typeof value === 'string' && definition.options.includes(value)
        ? null
        : `expects one of: ${definition.options.join(', ')}`;
  }
}

/**
 * Checks values against a tenant's definitions: an unknown key or a value of the wrong
 * type is a problem naming `customFields.<key>`.
 */
export function checkCustomFieldValues(
  definitions: ReadonlyArray<Pick<CustomFieldDefinition, 'key' | 'type' | 'options'>>,
  values: Record<string, unknown>,
): CustomFieldProblem[] {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  return Object.entries(values).flatMap(([key, value]) => {
    const definition = byKey.get(key);
    if (!definition) return [{ field: `customFields.${key}`, message: 'is not a custom field of this workspace' }];
    const problem = problemWith(definition, value);
    return problem ? [{ field: `customFields.${key}`, message: problem }] : [];
  });
}

/** Turns a query-string value into the JSON value stored for that field type, or null if it cannot be one. */
export function parseCustomFieldFilterValue(
  definition: Pick<CustomFieldDefinition, 'type' | 'options'>,
  raw: string,
): string | number | boolean | null {
  if (definition.type === 'number') {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : null;
  }
  if (definition.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : null;
  return problemWith(definition, raw) ? null : raw;
}
