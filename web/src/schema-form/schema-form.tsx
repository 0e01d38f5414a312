import { Stack } from '@mui/material';
import { SchemaField } from './schema-field';
import type { JsonSchema } from './json-schema';

export interface SchemaFormProps {
  schema: JsonSchema;
  value: unknown;
  /** Messages keyed by dotted path within the value ("duration.amount"). */
  errors?: Record<string, string>;
  onChange: (value: unknown) => void;
}

/** A form for any JSON Schema object produced from a zod schema: the node property panel's body. */
export function SchemaForm({ schema, value, errors = {}, onChange }: SchemaFormProps) {
  return (
    <Stack spacing={1.5}>
      <SchemaField
        name="settings"
        path=""
        schema={schema}
        root={schema}
        value={value}
        required
        errors={errors}
        onChange={onChange}
      />
    </Stack>
  );
}
