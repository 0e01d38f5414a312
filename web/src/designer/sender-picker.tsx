import { MenuItem, TextField } from '@mui/material';
import type { SenderChoice, SenderOptions } from '@cadenza/core';
import { useSenderOptionsQuery } from './designer-api';

/** One option value per choice: "workspace", "owner", "mailbox:<id>", "pool:<id>". */
export const senderValue = (choice: SenderChoice): string =>
  choice.kind === 'mailbox'
    ? `mailbox:${choice.mailboxId}`
    : choice.kind === 'pool'
      ? `pool:${choice.poolId}`
      : choice.kind;

export function senderChoiceOf(value: string): SenderChoice {
  const [kind, id = ''] = value.split(':');
  if (kind === 'mailbox') return { kind: 'mailbox', mailboxId: id };
  if (kind === 'pool') return { kind: 'pool', poolId: id };
  return kind === 'owner' ? { kind: 'owner' } : { kind: 'workspace' };
}

/** The picker's entries: the two fixed choices, then the workspace's mailboxes and pools. */
export function senderEntries(options: SenderOptions | undefined): Array<{ value: string; label: string }> {
  return [
    { value: 'workspace', label: 'Workspace default mailbox' },
    { value: 'owner', label: "Contact owner's mailbox (else the workspace default)" },
    ...(options?.mailboxes ?? []).map((mailbox) => ({
      value: `mailbox:${mailbox.id}`,
      label: `${mailbox.name} <${mailbox.fromAddress}>`,
    })),
    ...(options?.pools ?? []).map((pool) => ({
      value: `pool:${pool.id}`,
      label: `Rotation pool: ${pool.name} (${pool.size} mailboxes)`,
    })),
  ];
}

/**
 * Who sends a send_email: the workspace default, the contact owner's mailbox, one workspace
 * mailbox or a rotation pool. A choice that no longer exists stays selectable by its id, so the
 * save check's error (naming sender.mailboxId / sender.poolId) shows against it.
 */
export function SenderPicker(props: {
  value: SenderChoice | undefined;
  threaded: boolean;
  error?: string;
  onChange: (sender: SenderChoice) => void;
}) {
  const options = useSenderOptionsQuery();
  const value = senderValue(props.value ?? { kind: 'workspace' });
  const entries = senderEntries(options.data);
  if (!entries.some((entry) => entry.value === value)) entries.push({ value, label: `Removed (${value})` });
  return (
    <TextField
      select
      size="small"
      id="field-sender"
      label="Send from"
      value={value}
      error={Boolean(props.error)}
      helperText={
        props.error ??
        (props.threaded
          ? 'A reply in the thread goes from the mailbox of the email it answers; this applies when there is none'
          : 'Per-mailbox daily and per-minute limits apply to each mailbox')
      }
      onChange={(event) => props.onChange(senderChoiceOf(event.target.value))}
    >
      {entries.map((entry) => (
        <MenuItem key={entry.value} value={entry.value}>
          {entry.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
