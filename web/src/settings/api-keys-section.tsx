import { useState } from 'react';
import { Alert, Box, Button, MenuItem, Stack, TableCell, TextField, Typography } from '@mui/material';
import { ROLES, type Role } from '@cadenza/core';
import {
  useSettingsApiKeysQuery,
  useSettingsCreateApiKeyMutation,
  useSettingsRevokeApiKeyMutation,
} from './settings-api';
import { RequestError } from './section-feedback';
import { SettingsTable } from './settings-table';
import { ROLE_LABEL } from './role-label';
import { formatDate, formatDateTime } from '../format/plain-format';

/** API keys: the secret is shown once, right after creation, and never again (the server keeps only a hash). */
export function ApiKeysSection() {
  const keys = useSettingsApiKeysQuery();
  const [revoke, revokeState] = useSettingsRevokeApiKeyMutation();
  const [create, createState] = useSettingsCreateApiKeyMutation();
  const [form, setForm] = useState({ name: '', role: 'ops' as Role });
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  return (
    <Stack spacing={2}>
      <RequestError error={keys.error ?? revokeState.error} />
      {secret && (
        <Alert severity="warning" onClose={() => setSecret(null)} data-testid="new-api-key">
          <Typography variant="body2" gutterBottom>
            The key “{secret.name}”. Copy it now: it will not be shown again.
          </Typography>
          <Box component="code" sx={{ wordBreak: 'break-all', fontSize: 13 }}>
            {secret.value}
          </Box>
          <Box>
            <Button size="small" onClick={() => void navigator.clipboard?.writeText(secret.value)}>
              Copy
            </Button>
          </Box>
        </Alert>
      )}
      <SettingsTable
        label="api keys"
        columns={['Name', 'Role', 'Created', 'Status']}
        rows={keys.data}
        cells={(key) => (
          <>
            <TableCell>{key.name}</TableCell>
            <TableCell>{ROLE_LABEL[key.role]}</TableCell>
            <TableCell>{formatDateTime(key.createdAt)}</TableCell>
            <TableCell>{key.revokedAt ? `revoked ${formatDate(key.revokedAt)}` : 'live'}</TableCell>
            <TableCell align="right">
              {!key.revokedAt && (
                <Button size="small" color="error" onClick={() => void revoke(key.id)}>
                  Revoke
                </Button>
              )}
            </TableCell>
          </>
        )}
      />
      <Box
        component="form"
        aria-label="create api key"
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await create(form);
          if ('data' in result && result.data) {
            setSecret({ name: result.data.apiKey.name, value: result.data.secret });
            setForm({ name: '', role: form.role });
          }
        }}
      >
        <Stack direction="row" spacing={1}>
          <TextField
            size="small"
            label="Key name"
            required
            value={form.name}
            onChange={(event) => setForm({ ...form, name: event.target.value })}
          />
          <TextField
            select
            size="small"
            label="Acts as"
            value={form.role}
            onChange={(event) => setForm({ ...form, role: event.target.value as Role })}
            sx={{ minWidth: 130 }}
          >
            {ROLES.map((role) => (
              <MenuItem key={role} value={role}>
                {ROLE_LABEL[role]}
              </MenuItem>
            ))}
          </TextField>
          <Button type="submit" variant="contained" disabled={createState.isLoading}>
            Create key
          </Button>
        </Stack>
        <RequestError error={createState.error} />
      </Box>
    </Stack>
  );
}
