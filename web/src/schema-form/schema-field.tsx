import { useState } from 'react';
import { Box, Checkbox, FormControlLabel, FormHelperText, Stack, TextField, Typography } from '@mui/material';
import {
  defaultValueOf,
  labelOf,
  resolve,
  variantIndexOf,
  variantLabel,
  variantsOf,
  type JsonSchema,
} from './json-schema';

export interface SchemaFieldProps {
  name: string;
  /** Dotted path from the settings root, matched against validation issue paths. */
  path: string;
  schema: JsonSchema;
  root: JsonSchema;
  value: unknown;
  required: boolean;
  errors: Record<string, string>;
  onChange: (value: unknown) => void;
}

const MULTILINE = new Set(['body', 'message', 'prompt', 'instructions', 'notes', 'system', 'criteria']);

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? undefined : schema.type);
const idOf = (path: string) => `field-${path.replace(/\./g, '-') || 'root'}`;

/** Reads what a person typed into a loosely typed field: numbers and booleans as such, else text. */
function parseLoose(text: string): unknown {
  if (text.trim() === '') return undefined;
  if (text === 'true' || text === 'false') return text === 'true';
  const number = Number(text);
  return Number.isFinite(number) && /^-?\d/.test(text) ? number : text;
}

/**
 * One field of a schema-driven form. It renders by JSON Schema shape, not by node kind, so a
 * new kind or setting appears in the panel without any web change.
 */
export function SchemaField(props: SchemaFieldProps) {
  const { name, path, root, value, required, errors, onChange } = props;
  const schema = resolve(props.schema, root);
  const label = `${labelOf(name)}${required ? ' *' : ''}`;
  const error = errors[path];
  const help = error ?? schema.description;
  const variants = variantsOf(schema);

  if (variants) {
    const resolvedVariants = variants.map((variant) => resolve(variant, root));
    if (resolvedVariants.every((variant) => typeOf(variant) !== 'object')) {
      return <LooseField {...props} label={label} help={help} />;
    }
    const index = variantIndexOf(variants, value, root);
    const chosen = resolvedVariants[index] ?? resolvedVariants[0]!;
    const discriminator = Object.entries(chosen.properties ?? {}).find(([, prop]) => prop.const !== undefined)?.[0];
    return (
      <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0 }}>
        <Typography component="legend" variant="caption" sx={{ px: 0.5 }}>
          {label}
        </Typography>
        <Stack spacing={1.5}>
          <TextField
            select
            size="small"
            id={idOf(path ? `${path}.$variant` : '$variant')}
            label={discriminator ? labelOf(discriminator) : 'Kind'}
            value={String(index)}
            onChange={(event) => onChange(defaultValueOf(variants[Number(event.target.value)]!, root))}
            slotProps={{ select: { native: true } }}
            helperText={schema.description}
          >
            {variants.map((variant, i) => (
              <option key={i} value={String(i)}>
                {variantLabel(variant, root)}
              </option>
            ))}
          </TextField>
          <ObjectFields {...props} schema={chosen} skip={discriminator} />
        </Stack>
      </Box>
    );
  }

  if (schema.enum) {
    return (
      <TextField
        select
        size="small"
        id={idOf(path)}
        label={label}
        value={value === undefined ? '' : String(value)}
        error={Boolean(error)}
        helperText={help}
        slotProps={{ select: { native: true } }}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        {!required && <option value="">(none)</option>}
        {schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </TextField>
    );
  }

  switch (typeOf(schema)) {
    case 'object':
      if (!schema.properties) return <JsonField {...props} label={label} help={help} />;
      return (
        <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0 }}>
          <Typography component="legend" variant="caption" sx={{ px: 0.5 }}>
            {label}
          </Typography>
          <ObjectFields {...props} schema={schema} />
          {error && <FormHelperText error>{error}</FormHelperText>}
        </Box>
      );
    case 'boolean':
      return (
        <Box>
          <FormControlLabel
            control={
              <Checkbox id={idOf(path)} checked={value === true} onChange={(event) => onChange(event.target.checked)} />
            }
            label={labelOf(name)}
          />
          {help && <FormHelperText error={Boolean(error)}>{help}</FormHelperText>}
        </Box>
      );
    case 'integer':
    case 'number':
      return (
        <TextField
          size="small"
          type="number"
          id={idOf(path)}
          label={label}
          value={typeof value === 'number' ? value : ''}
          error={Boolean(error)}
          helperText={help}
          onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
        />
      );
    case 'string':
      return (
        <TextField
          size="small"
          id={idOf(path)}
          label={label}
          value={typeof value === 'string' ? value : ''}
          error={Boolean(error)}
          helperText={help}
          multiline={MULTILINE.has(name)}
          minRows={MULTILINE.has(name) ? 3 : undefined}
          onChange={(event) => onChange(event.target.value === '' && !required ? undefined : event.target.value)}
        />
      );
    case 'array': {
      const items = schema.items ? resolve(schema.items, root) : undefined;
      if (items && (typeOf(items) === 'string' || items.enum)) {
        return (
          <TextField
            size="small"
            id={idOf(path)}
            label={label}
            value={Array.isArray(value) ? value.join(', ') : ''}
            error={Boolean(error)}
            helperText={help ?? 'Separate values with commas'}
            onChange={(event) =>
              onChange(
                event.target.value
                  .split(',')
                  .map((item) => item.trim())
                  .filter(Boolean),
              )
            }
          />
        );
      }
      return <JsonField {...props} label={label} help={help} />;
    }
    default:
      return <JsonField {...props} label={label} help={help} />;
  }
}

function ObjectFields(props: SchemaFieldProps & { skip?: string }) {
  const { schema, root, path, errors, skip } = props;
  const record = (props.value && typeof props.value === 'object' ? props.value : {}) as Record<string, unknown>;
  return (
    <Stack spacing={1.5}>
      {Object.entries(schema.properties ?? {})
        .filter(([key]) => key !== skip)
        .map(([key, property]) => (
          <SchemaField
            key={key}
            name={key}
            path={path ? `${path}.${key}` : key}
            schema={property}
            root={root}
            value={record[key]}
            required={(schema.required ?? []).includes(key)}
            errors={errors}
            onChange={(next) => {
              const updated = { ...record, [key]: next };
              if (next === undefined) delete updated[key];
              props.onChange(updated);
            }}
          />
        ))}
    </Stack>
  );
}

/** Scalars of several types (a condition value): typed as text, read as number/boolean when they look like one. */
function LooseField(props: SchemaFieldProps & { label: string; help?: string }) {
  const { value, path, label, help, errors } = props;
  return (
    <TextField
      size="small"
      id={idOf(path)}
      label={label}
      value={Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value)}
      error={Boolean(errors[path])}
      helperText={help}
      onChange={(event) =>
        props.onChange(
          Array.isArray(value)
            ? event.target.value.split(',').map((item) => parseLoose(item.trim()))
            : parseLoose(event.target.value),
        )
      }
    />
  );
}

/** Anything the form has no widget for (nested condition groups, header maps) is edited as JSON. */
function JsonField(props: SchemaFieldProps & { label: string; help?: string }) {
  const { value, path, label, help, errors, root, schema } = props;
  const [text, setText] = useState(() => JSON.stringify(value ?? defaultValueOf(schema, root), null, 2));
  const [parseError, setParseError] = useState<string>();
  return (
    <TextField
      size="small"
      multiline
      minRows={3}
      id={idOf(path)}
      label={`${label} (JSON)`}
      value={text}
      error={Boolean(parseError ?? errors[path])}
      helperText={parseError ?? help}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => {
        try {
          props.onChange(JSON.parse(text));
          setParseError(undefined);
        } catch {
          setParseError('Not valid JSON yet');
        }
      }}
      slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
    />
  );
}
