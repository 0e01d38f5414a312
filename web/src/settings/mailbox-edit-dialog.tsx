import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import type { MailboxUpdate, MailboxView } from '@cadenza/core';
import { useSettingsUpdateMailboxMutation } from './settings-api';
import { RequestError } from './section-feedback';

/** The change for the edit form: only what differs; an empty secret keeps the stored one. */
export function mailboxChangeOf(
  mailbox: MailboxView,
  form: { name: string; fromAddress: string; dailyLimit: string; perMinuteLimit: string; secret: string },
): MailboxUpdate {
  const change: MailboxUpdate = {};
  if (form.name !== mailbox.name) change.name = form.name;
  if (form.fromAddress !== mailbox.fromAddress) change.fromAddress = form.fromAddress;
  if (Number(form.dailyLimit) !== mailbox.dailyLimit) change.dailyLimit = Number(form.dailyLimit);
  if (Number(form.perMinuteLimit) !== mailbox.perMinuteLimit) change.perMinuteLimit = Number(form.perMinuteLimit);
  if (form.secret) change.secret = form.secret;
  return change;
}

/** Edits a mailbox's name, address, limits and secret (the secret is replaced, never shown). */
export function MailboxEditDialog({ mailbox, onClose }: { mailbox: MailboxView; onClose: () => void }) {
  const [update, state] = useSettingsUpdateMailboxMutation();
  const [form, setForm] = useState({
    name: mailbox.name,
    fromAddress: mailbox.fromAddress,
    dailyLimit: String(mailbox.dailyLimit),
    perMinuteLimit: String(mailbox.perMinuteLimit),
    secret: '',
  });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));
  return (
    <Dialog open onClose={onClose} aria-label="edit mailbox">
      <DialogTitle>Edit {mailbox.name}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5} sx={{ pt: 1 }}>
          <TextField size="small" label="Name" value={form.name} onChange={set('name')} />
          <TextField
            size="small"
            label="From address"
            type="email"
            value={form.fromAddress}
            onChange={set('fromAddress')}
          />
          <TextField
            size="small"
            label="Daily limit"
            type="number"
            value={form.dailyLimit}
            onChange={set('dailyLimit')}
          />
          <TextField
            size="small"
            label="Per-minute limit"
            type="number"
            value={form.perMinuteLimit}
            onChange={set('perMinuteLimit')}
          />
          <TextField
            size="small"
            label={mailbox.kind === 'smtp' ? 'New password' : 'New API key'}
            type="password"
            helperText="leave empty to keep the stored one"
            value={form.secret}
            onChange={set('secret')}
            autoComplete="new-password"
          />
          <RequestError error={state.error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={state.isLoading}
          onClick={async () => {
            const result = await update({ id: mailbox.id, change: mailboxChangeOf(mailbox, form) });
            if (!('error' in result)) onClose();
          }}
        >
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
