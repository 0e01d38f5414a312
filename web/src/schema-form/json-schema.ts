import { z } from 'zod';
import { NodeSchema, type NodeType } from '@cadenza/core';

/** The subset of JSON Schema that z.toJSONSchema produces for node settings. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  format?: string;
}

/** Each kind's settings schema, keyed by kind: a Record so a new kind is picked up here too. */
const SETTINGS_SCHEMAS = Object.fromEntries(
  NodeSchema.options.map((option) => [option.shape.type.value, option.shape.settings]),
) as unknown as Record<NodeType, z.ZodType>;

const cache = new Map<NodeType, JsonSchema>();

/** The JSON Schema of a kind's settings, as a form describes them (input side: defaults optional). */
export function settingsJsonSchemaOf(type: NodeType): JsonSchema {
  let schema = cache.get(type);
  if (!schema) {
    schema = z.toJSONSchema(SETTINGS_SCHEMAS[type], { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    cache.set(type, schema);
  }
  return schema;
}

/** Validates settings with the real zod schema, so the panel says exactly what the API would. */
export function settingsIssuesOf(type: NodeType, settings: unknown): Array<{ path: string; message: string }> {
  const result = SETTINGS_SCHEMAS[type].safeParse(settings);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Follows a local `#/$defs/x` reference against the root schema. */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  // Bounded so a malformed self-reference cannot hang the panel.
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    const name = current.$ref.replace('#/$defs/', '');
    const target = root.$defs?.[name];
    if (!target) break;
    const { $ref: _ref, ...rest } = current;
    current = { ...target, ...rest };
  }
  return current;
}

/** The alternatives of a union schema, if it is one. */
export const variantsOf = (schema: JsonSchema): JsonSchema[] | undefined => schema.oneOf ?? schema.anyOf;

/** Which alternative a value currently matches: by discriminator const first, then by keys. */
export function variantIndexOf(variants: JsonSchema[], value: unknown, root: JsonSchema): number {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 0;
  const record = value as Record<string, unknown>;
  const resolved = variants.map((variant) => resolve(variant, root));
  const byConst = resolved.findIndex((variant) =>
    Object.entries(variant.properties ?? {}).some(
      ([key, prop]) => prop.const !== undefined && record[key] === prop.const,
    ),
  );
  if (byConst >= 0) return byConst;
  const byKeys = resolved.findIndex((variant) => (variant.required ?? []).every((key) => key in record));
  return Math.max(byKeys, 0);
}

/** A short name for a union alternative: its discriminator value or its required keys. */
export function variantLabel(variant: JsonSchema, root: JsonSchema): string {
  const resolved = resolve(variant, root);
  const discriminator = Object.values(resolved.properties ?? {}).find((prop) => prop.const !== undefined);
  if (discriminator) return String(discriminator.const);
  return (resolved.required ?? Object.keys(resolved.properties ?? {})).join(' / ') || 'value';
}

/**
 * A starting value for a schema: its default, a const, the first enum member, an object of
 * its required fields, the first union alternative. Strings start empty so the panel shows
 * what is still missing rather than inventing content.
 */
export function defaultValueOf(schema: JsonSchema, root: JsonSchema = schema, depth = 0): unknown {
  const resolved = resolve(schema, root);
  if (resolved.default !== undefined) return resolved.default;
  if (resolved.const !== undefined) return resolved.const;
  if (resolved.enum?.length) return resolved.enum[0];
  if (depth > 6) return undefined;
  const variants = variantsOf(resolved);
  if (variants?.[0]) return defaultValueOf(variants[0], root, depth + 1);
  const type = Array.isArray(resolved.type) ? resolved.type[0] : resolved.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of resolved.required ?? []) {
        const property = resolved.properties?.[key];
        if (property) value[key] = defaultValueOf(property, root, depth + 1);
      }
      return value;
    }
    case 'array':
      return [];
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return resolved.exclusiveMinimum !== undefined ? resolved.exclusiveMinimum + 1 : (resolved.minimum ?? 0);
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

/** Human label for a property key: `businessDaysOnly` -> `Business days only`. */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
