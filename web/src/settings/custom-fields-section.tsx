import { useState } from 'react';
import { Box, Button, MenuItem, Stack, TableCell, TextField, Typography } from '@mui/material';
import { CUSTOM_FIELD_TYPES, type CustomFieldType } from '@cadenza/core';
import {
  useSettingsCreateCustomFieldMutation,
  useSettingsCustomFieldsQuery,
  useSettingsDeleteCustomFieldMutation,
} from './settings-api';
import { RequestError } from './section-feedback';
import { SettingsTable } from './settings-table';

/** "a, b ,, c" as the options list ["a", "b", "c"]. */
export const optionsOf = (text: string) =>
  text
    .split(',')
    .map((option) => option.trim())
    .filter(Boolean);

/** Contact custom fields: key and type are fixed once created (values may exist), so this adds and removes. */
export function CustomFieldsSection() {
  const fields = useSettingsCustomFieldsQuery();
  const [remove, removeState] = useSettingsDeleteCustomFieldMutation();
  const [create, state] = useSettingsCreateCustomFieldMutation();
  const [form, setForm] = useState({ key: '', label: '', type: 'text' as CustomFieldType, options: '' });
  return (
    <Stack spacing={2}>
      <RequestError error={fields.error ?? removeState.error} />
      <SettingsTable
        label="custom fields"
        columns={['Label', 'Key', 'Type', 'Options']}
        rows={fields.data}
        cells={(field) => (
          <>
            <TableCell>{field.label}</TableCell>
            <TableCell>
              <code>{field.key}</code>
            </TableCell>
            <TableCell>{field.type}</TableCell>
            <TableCell>{field.options.join(', ')}</TableCell>
            <TableCell align="right">
              <Button size="small" color="error" onClick={() => void remove(field.id)}>
                Delete
              </Button>
            </TableCell>
          </>
        )}
      />
      <Box
        component="form"
        aria-label="add custom field"
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await create({
            key: form.key,
            label: form.label,
            type: form.type,
            ...(form.type === 'select' ? { options: optionsOf(form.options) } : {}),
          });
          if (!('error' in result)) setForm({ key: '', label: '', type: 'text', options: '' });
        }}
      >
        <Typography variant="subtitle2" gutterBottom>
          Add a field
        </Typography>
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          <TextField
            size="small"
            label="Label"
            required
            value={form.label}
            onChange={(e) => setForm({ ...form, label: e.target.value })}
          />
          <TextField
            size="small"
            label="Key"
            required
            value={form.key}
            onChange={(e) => setForm({ ...form, key: e.target.value })}
            helperText="lower_snake_case"
          />
          <TextField
            select
            size="small"
            label="Type"
            value={form.type}
            onChange={(e) => setForm({ ...form, type: e.target.value as CustomFieldType })}
            sx={{ minWidth: 120 }}
          >
            {CUSTOM_FIELD_TYPES.map((type) => (
              <MenuItem key={type} value={type}>
                {type}
              </MenuItem>
            ))}
          </TextField>
          {form.type === 'select' && (
            <TextField
              size="small"
              label="Options"
              value={form.options}
              onChange={(e) => setForm({ ...form, options: e.target.value })}
              helperText="comma-separated"
            />
          )}
          <Button type="submit" variant="contained" disabled={state.isLoading} sx={{ alignSelf: 'flex-start' }}>
            Add field
          </Button>
        </Stack>
        <RequestError error={state.error} />
      </Box>
    </Stack>
  );
}
