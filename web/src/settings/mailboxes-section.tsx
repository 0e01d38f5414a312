import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  MenuItem,
  Stack,
  TableCell,
  TextField,
  Typography,
} from '@mui/material';
import type { MailboxCheckResult, MailboxCreate, MailboxView } from '@cadenza/core';
import {
  useSettingsCreateMailboxMutation,
  useSettingsDeleteMailboxMutation,
  useSettingsMailboxesQuery,
  useSettingsSyncMailboxMutation,
  useSettingsTestMailboxMutation,
} from './settings-api';
import { MailboxEditDialog } from './mailbox-edit-dialog';
import { MailboxPoolsSection } from './mailbox-pools-section';
import { RequestError } from './section-feedback';
import { ConnectMailboxButtons, mailboxViaLabel, ReconnectMailboxButton } from './mailbox-oauth';
import { SettingsTable } from './settings-table';

const EMPTY = {
  kind: 'smtp' as 'smtp' | 'sendgrid',
  name: '',
  fromAddress: '',
  fromName: '',
  host: '',
  port: '587',
  secure: false,
  username: '',
  secret: '',
  isDefault: false,
  /** Where replies are read from; signs in with the same user name and password as SMTP. */
  imapHost: '',
  imapPort: '993',
  imapSecure: true,
  /** An admin's own mailbox rather than the workspace's (others' are always their own). */
  personal: false,
};
type MailboxForm = typeof EMPTY;

/** The create body for the form; optional fields left empty are left out, so the API's defaults apply. */
export function mailboxCreateBody(form: Omit<MailboxForm, 'personal'> & { personal?: boolean }): MailboxCreate {
  const common = {
    name: form.name,
    fromAddress: form.fromAddress,
    ...(form.fromName ? { fromName: form.fromName } : {}),
    isDefault: form.isDefault,
    ...(form.personal ? { personal: true } : {}),
  };
  if (form.kind === 'sendgrid') return { kind: 'sendgrid', ...common, apiKey: form.secret } as MailboxCreate;
  return {
    kind: 'smtp',
    ...common,
    host: form.host,
    port: Number(form.port),
    secure: form.secure,
    ...(form.username ? { username: form.username } : {}),
    ...(form.secret ? { password: form.secret } : {}),
    ...(form.imapHost
      ? {
          imap: {
            host: form.imapHost,
            port: Number(form.imapPort),
            secure: form.imapSecure,
            ...(form.username ? { username: form.username } : {}),
            ...(form.secret ? { password: form.secret } : {}),
          },
        }
      : {}),
  } as MailboxCreate;
}

/** What the replies column says: not listening, healthy (last sync), or why the last poll failed. */
export function replySyncLabel(mailbox: MailboxView): string {
  if (!mailbox.imap && !mailbox.oauth) return 'not read';
  if (mailbox.sync.authFailedAt)
    return `${mailbox.oauth ? 'auth expired' : 'password refused'} since ${new Date(mailbox.sync.authFailedAt).toLocaleString()}`;
  if (mailbox.sync.lastError) return mailbox.sync.lastError;
  if (mailbox.sync.lastSyncAt) return `synced ${new Date(mailbox.sync.lastSyncAt).toLocaleTimeString()}`;
  return 'connecting';
}

/** Whose a mailbox is, as the admins' list says it. */
export function mailboxOwnerLabel(mailbox: MailboxView, myUserId: string, names: ReadonlyMap<string, string>): string {
  if (mailbox.ownerUserId === null) return 'Workspace';
  if (mailbox.ownerUserId === myUserId) return 'You';
  return names.get(mailbox.ownerUserId) ?? 'A user';
}

/**
 * Mailboxes flows send from. Admins see the workspace's and every user's own (settings, never a
 * secret) and manage rotation pools; anyone else connects and manages only their own mailbox,
 * which flows sending from the contact owner's mailbox use for their contacts. Secrets go in once
 * and are never shown: the list says only whether one is stored.
 */
export function MailboxesSection({
  admin = true,
  myUserId = '',
  userNames = new Map<string, string>(),
}: {
  admin?: boolean;
  myUserId?: string;
  userNames?: ReadonlyMap<string, string>;
}) {
  const mailboxes = useSettingsMailboxesQuery();
  const [editing, setEditing] = useState<MailboxView | null>(null);
  const [remove, removeState] = useSettingsDeleteMailboxMutation();
  const [test] = useSettingsTestMailboxMutation();
  const [sync] = useSettingsSyncMailboxMutation();
  const [checks, setChecks] = useState<Record<string, MailboxCheckResult | 'testing'>>({});
  return (
    <Stack spacing={2}>
      <RequestError error={mailboxes.error ?? removeState.error} />
      {!admin && (
        <Typography color="text.secondary">
          Your own mailbox: flows that send from the contact owner&apos;s mailbox send your contacts&apos; emails from
          it, and read their replies when it has IMAP settings. Only you and the workspace&apos;s admins see it.
        </Typography>
      )}
      {mailboxes.data?.length === 0 && (
        <Typography color="text.secondary">
          {admin
            ? 'No mailbox yet: emails go to the built-in SMTP sink and show in the outbox.'
            : 'No mailbox of yours yet: your contacts get the workspace’s mailbox.'}
        </Typography>
      )}
      <SettingsTable
        label="mailboxes"
        columns={
          admin ? ['Name', 'Owner', 'From', 'Via', 'Secret', 'Replies'] : ['Name', 'From', 'Via', 'Secret', 'Replies']
        }
        rows={mailboxes.data}
        cells={(mailbox) => {
          const check = checks[mailbox.id];
          return (
            <>
              <TableCell>
                {mailbox.name}
                {mailbox.isDefault ? ' (default)' : ''}
              </TableCell>
              {admin && <TableCell>{mailboxOwnerLabel(mailbox, myUserId, userNames)}</TableCell>}
              <TableCell>{mailbox.fromAddress}</TableCell>
              <TableCell>{mailboxViaLabel(mailbox)}</TableCell>
              <TableCell>{mailbox.hasSecret ? 'stored' : 'none'}</TableCell>
              <TableCell data-testid="mailbox-replies">
                {mailbox.imap ? `IMAP ${mailbox.imap.host}:${mailbox.imap.port}, ` : ''}
                {replySyncLabel(mailbox)}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <ReconnectMailboxButton mailbox={mailbox} />
                {(mailbox.imap || mailbox.oauth) && (
                  <Button size="small" onClick={() => void sync(mailbox.id)}>
                    Sync now
                  </Button>
                )}
                <Button
                  size="small"
                  disabled={check === 'testing'}
                  onClick={async () => {
                    setChecks((c) => ({ ...c, [mailbox.id]: 'testing' }));
                    const result = await test(mailbox.id);
                    setChecks((c) => ({
                      ...c,
                      [mailbox.id]:
                        'data' in result && result.data
                          ? result.data
                          : { ok: false, message: 'the test request failed', durationMs: 0 },
                    }));
                  }}
                >
                  Test
                </Button>
                <Button size="small" onClick={() => setEditing(mailbox)}>
                  Edit
                </Button>
                <Button size="small" color="error" onClick={() => void remove(mailbox.id)}>
                  Delete
                </Button>
                {check && check !== 'testing' && (
                  <Alert
                    severity={check.ok ? 'success' : 'error'}
                    sx={{ py: 0, mt: 0.5, textAlign: 'left', whiteSpace: 'normal' }}
                    data-testid="mailbox-check"
                  >
                    {check.message} ({check.durationMs} ms)
                  </Alert>
                )}
              </TableCell>
            </>
          );
        }}
      />
      <ConnectMailboxButtons admin={admin} />
      <MailboxForm admin={admin} />
      {editing && <MailboxEditDialog mailbox={editing} onClose={() => setEditing(null)} />}
      {admin && <MailboxPoolsSection mailboxes={mailboxes.data ?? []} />}
    </Stack>
  );
}

function MailboxForm({ admin }: { admin: boolean }) {
  const [form, setForm] = useState(EMPTY);
  const [create, state] = useSettingsCreateMailboxMutation();
  const set = (key: keyof MailboxForm) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));
  const smtp = form.kind === 'smtp';
  return (
    <Box
      component="form"
      aria-label="add mailbox"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await create(mailboxCreateBody(form));
        if (!('error' in result)) setForm(EMPTY);
      }}
    >
      <Typography variant="subtitle2" gutterBottom>
        {admin ? 'Add a mailbox' : 'Connect your mailbox'}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField select size="small" label="Kind" value={form.kind} onChange={set('kind')} sx={{ minWidth: 120 }}>
          <MenuItem value="smtp">SMTP</MenuItem>
          <MenuItem value="sendgrid">SendGrid</MenuItem>
        </TextField>
        <TextField size="small" label="Name" required value={form.name} onChange={set('name')} />
        <TextField
          size="small"
          label="From address"
          type="email"
          required
          value={form.fromAddress}
          onChange={set('fromAddress')}
        />
        <TextField size="small" label="From name" value={form.fromName} onChange={set('fromName')} />
        {smtp && <TextField size="small" label="Host" required value={form.host} onChange={set('host')} />}
        {smtp && (
          <TextField
            size="small"
            label="Port"
            type="number"
            value={form.port}
            onChange={set('port')}
            sx={{ width: 100 }}
          />
        )}
        {smtp && <TextField size="small" label="User name" value={form.username} onChange={set('username')} />}
        {smtp && (
          <TextField
            size="small"
            label="IMAP host (replies)"
            value={form.imapHost}
            onChange={set('imapHost')}
            helperText="same user and password"
          />
        )}
        {smtp && form.imapHost && (
          <TextField
            size="small"
            label="IMAP port"
            type="number"
            value={form.imapPort}
            onChange={set('imapPort')}
            sx={{ width: 100 }}
          />
        )}
        {smtp && form.imapHost && (
          <FormControlLabel
            control={
              <Checkbox
                checked={form.imapSecure}
                onChange={(e) => setForm({ ...form, imapSecure: e.target.checked })}
              />
            }
            label="IMAP TLS (993)"
          />
        )}
        <TextField
          size="small"
          label={smtp ? 'Password' : 'API key'}
          type="password"
          required={!smtp}
          value={form.secret}
          onChange={set('secret')}
          autoComplete="new-password"
        />
        {smtp && (
          <FormControlLabel
            control={
              <Checkbox checked={form.secure} onChange={(e) => setForm({ ...form, secure: e.target.checked })} />
            }
            label="TLS (port 465)"
          />
        )}
        <FormControlLabel
          control={
            <Checkbox checked={form.isDefault} onChange={(e) => setForm({ ...form, isDefault: e.target.checked })} />
          }
          label="Default"
        />
        {admin && (
          <FormControlLabel
            control={
              <Checkbox checked={form.personal} onChange={(e) => setForm({ ...form, personal: e.target.checked })} />
            }
            label="My own mailbox"
          />
        )}
        <Button type="submit" variant="contained" disabled={state.isLoading} sx={{ alignSelf: 'flex-start' }}>
          Add mailbox
        </Button>
      </Stack>
      <RequestError error={state.error} />
    </Box>
  );
}
