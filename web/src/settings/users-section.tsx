import { useState } from 'react';
import { Box, Button, MenuItem, Stack, TableCell, TextField, Typography } from '@mui/material';
import { ROLES, type Role } from '@cadenza/core';
import {
  useSettingsChangeRoleMutation,
  useSettingsInvitationsQuery,
  useSettingsInviteUserMutation,
  useSettingsRemoveUserMutation,
  useSettingsRevokeInvitationMutation,
  useSettingsUsersQuery,
} from './settings-api';
import { RequestError } from './section-feedback';
import { SettingsTable } from './settings-table';
import { formatDate } from '../format/plain-format';
import { ROLE_LABEL } from './role-label';

/** Who is in the workspace: invite (the person accepts), pending invitations, change role, deactivate. */
export function UsersSection({ myUserId }: { myUserId: string }) {
  const users = useSettingsUsersQuery();
  const [changeRole, roleState] = useSettingsChangeRoleMutation();
  const [remove, removeState] = useSettingsRemoveUserMutation();
  return (
    <Stack spacing={2}>
      <RequestError error={users.error ?? roleState.error ?? removeState.error} />
      <SettingsTable
        label="users"
        columns={['Name', 'Email', 'Role', 'Joined']}
        rows={users.data}
        cells={(user) => (
          <>
            <TableCell>{user.name ?? '—'}</TableCell>
            <TableCell>{user.email}</TableCell>
            <TableCell>
              <TextField
                select
                size="small"
                variant="standard"
                value={user.role}
                onChange={(event) => void changeRole({ userId: user.id, role: event.target.value as Role })}
                slotProps={{ htmlInput: { 'aria-label': `role of ${user.email}` } }}
              >
                {ROLES.map((role) => (
                  <MenuItem key={role} value={role}>
                    {ROLE_LABEL[role]}
                  </MenuItem>
                ))}
              </TextField>
            </TableCell>
            <TableCell>{formatDate(user.joinedAt)}</TableCell>
            <TableCell align="right">
              {user.id !== myUserId && (
                <Button size="small" color="error" onClick={() => void remove(user.id)}>
                  Deactivate
                </Button>
              )}
            </TableCell>
          </>
        )}
      />
      <Typography variant="caption" color="text.secondary">
        Deactivating removes the user from this workspace and ends their sessions here; their account and their past
        work stay.
      </Typography>
      <PendingInvitations />
      <InviteForm />
    </Stack>
  );
}

/** Invitations not answered yet; an admin may take one back. */
function PendingInvitations() {
  const invitations = useSettingsInvitationsQuery();
  const [revoke, revokeState] = useSettingsRevokeInvitationMutation();
  if (!invitations.data?.length && !invitations.error) return null;
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2">Pending invitations</Typography>
      <RequestError error={invitations.error ?? revokeState.error} />
      <SettingsTable
        label="pending invitations"
        columns={['Email', 'Role', 'Open until']}
        rows={invitations.data}
        cells={(invitation) => (
          <>
            <TableCell>{invitation.email}</TableCell>
            <TableCell>{ROLE_LABEL[invitation.role]}</TableCell>
            <TableCell>{formatDate(invitation.expiresAt)}</TableCell>
            <TableCell align="right">
              <Button size="small" color="error" onClick={() => void revoke(invitation.id)}>
                Revoke
              </Button>
            </TableCell>
          </>
        )}
      />
    </Stack>
  );
}

function InviteForm() {
  const [form, setForm] = useState({ email: '', name: '', role: 'sales_rep' as Role, password: '' });
  const [invite, state] = useSettingsInviteUserMutation();
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));
  return (
    <Box
      component="form"
      aria-label="invite user"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await invite({ ...form, name: form.name || undefined });
        if (!('error' in result)) setForm({ email: '', name: '', role: 'sales_rep', password: '' });
      }}
    >
      <Typography variant="subtitle2" gutterBottom>
        Invite a user
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField size="small" label="Email" type="email" required value={form.email} onChange={set('email')} />
        <TextField size="small" label="Name" value={form.name} onChange={set('name')} />
        <TextField select size="small" label="Role" value={form.role} onChange={set('role')} sx={{ minWidth: 130 }}>
          {ROLES.map((role) => (
            <MenuItem key={role} value={role}>
              {ROLE_LABEL[role]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label="Initial password"
          type="password"
          required
          value={form.password}
          onChange={set('password')}
          helperText="12 characters or more; used only if the email has no account yet"
        />
        <Button type="submit" variant="contained" disabled={state.isLoading} sx={{ alignSelf: 'flex-start' }}>
          Invite
        </Button>
      </Stack>
      <Typography variant="caption" color="text.secondary">
        The person joins once they accept under Account after signing in; an email with no account gets one with this
        password and joins at its first sign-in.
      </Typography>
      <RequestError error={state.error} />
    </Box>
  );
}
