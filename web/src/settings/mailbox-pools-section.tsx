import { useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  FormGroup,
  Stack,
  TableCell,
  TextField,
  Typography,
} from '@mui/material';
import type { MailboxView } from '@cadenza/core';
import {
  useSettingsCreateMailboxPoolMutation,
  useSettingsDeleteMailboxPoolMutation,
  useSettingsMailboxPoolsQuery,
} from './settings-api';
import { RequestError } from './section-feedback';
import { SettingsTable } from './settings-table';

/**
 * Rotation pools (admins): named sets of workspace mailboxes a flow sends from in turn, each
 * send to the member with the most room under its daily and per-minute limits.
 */
export function MailboxPoolsSection({ mailboxes }: { mailboxes: readonly MailboxView[] }) {
  const pools = useSettingsMailboxPoolsQuery();
  const [remove, removeState] = useSettingsDeleteMailboxPoolMutation();
  const [create, createState] = useSettingsCreateMailboxPoolMutation();
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  // Pools rotate over the workspace's mailboxes; a user's own sends for that user's contacts.
  const workspace = mailboxes.filter((mailbox) => mailbox.ownerUserId === null);
  const nameOf = (id: string) => mailboxes.find((mailbox) => mailbox.id === id)?.name ?? id;
  return (
    <Stack spacing={1.5} aria-label="rotation pools" component="section">
      <Typography variant="subtitle1">Rotation pools</Typography>
      <Typography variant="body2" color="text.secondary">
        A flow can send from a pool: each contact gets the member with the most room under its limits, and keeps it for
        the rest of its run.
      </Typography>
      <RequestError error={pools.error ?? removeState.error} />
      <SettingsTable
        label="rotation pools"
        columns={['Name', 'Mailboxes']}
        rows={pools.data}
        cells={(pool) => (
          <>
            <TableCell>{pool.name}</TableCell>
            <TableCell>{pool.mailboxIds.map(nameOf).join(', ')}</TableCell>
            <TableCell align="right">
              <Button size="small" color="error" onClick={() => void remove(pool.id)}>
                Delete
              </Button>
            </TableCell>
          </>
        )}
      />
      <Box
        component="form"
        aria-label="add rotation pool"
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await create({ name, mailboxIds: members });
          if (!('error' in result)) {
            setName('');
            setMembers([]);
          }
        }}
      >
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField size="small" label="Pool name" required value={name} onChange={(e) => setName(e.target.value)} />
          <FormGroup row>
            {workspace.map((mailbox) => (
              <FormControlLabel
                key={mailbox.id}
                label={mailbox.name}
                control={
                  <Checkbox
                    checked={members.includes(mailbox.id)}
                    onChange={(e) =>
                      setMembers((current) =>
                        e.target.checked ? [...current, mailbox.id] : current.filter((id) => id !== mailbox.id),
                      )
                    }
                  />
                }
              />
            ))}
          </FormGroup>
          <Button type="submit" variant="outlined" disabled={createState.isLoading || members.length === 0}>
            Add pool
          </Button>
        </Stack>
        <RequestError error={createState.error} />
      </Box>
    </Stack>
  );
}
