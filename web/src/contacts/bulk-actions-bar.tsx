import { useState } from 'react';
import { Alert, Box, Button, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import { BULK_CONTACT_LIMIT } from '@cadenza/core';
import { errorMessage, useListFlowsQuery } from '../api/cadenza-api';
import { LazyDialog } from '../crm-shared/lazy-popups';
import { useBulkAssignMutation, useBulkTagMutation, useEnrollContactsMutation } from './contacts-api';
import type { OwnerOption } from './contact-filters';
import { formatCount } from '../format/plain-format';

/** The enrollment API takes at most this many contacts per call. */
const ENROLL_LIMIT = 10_000;

const chunks = <T,>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

type Action = 'enroll' | 'tag' | 'assign' | null;

interface Props {
  selected: string[];
  owners: OwnerOption[];
  onDone: () => void;
}

const splitTags = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * Actions on the selected contacts. Tags and owners change in one transaction per request
 * (up to 1,000 contacts each); enrollment over 100 contacts runs as a bulk workflow.
 */
export function BulkActionsBar({ selected, owners, onDone }: Props) {
  const [action, setAction] = useState<Action>(null);
  const [flowId, setFlowId] = useState('');
  const [addTags, setAddTags] = useState('');
  const [removeTags, setRemoveTags] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const flows = useListFlowsQuery(undefined, { skip: action !== 'enroll' });
  const [enroll] = useEnrollContactsMutation();
  const [tag] = useBulkTagMutation();
  const [assign] = useBulkAssignMutation();

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setOutcome({ ok: true, text: await work() });
      setAction(null);
      onDone();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    if (action === 'enroll') {
      void run(async () => {
        let started = 0;
        let queued = 0;
        for (const part of chunks(selected, ENROLL_LIMIT)) {
          const result = await enroll({ flowId, contactIds: part }).unwrap();
          if ('items' in result) started += result.items.filter((i) => i.status === 'started').length;
          else queued += result.contacts;
        }
        return queued
          ? `Enrolling ${queued + started} contacts in the background`
          : `Enrolled ${started} of ${selected.length}`;
      });
    } else if (action === 'tag') {
      void run(async () => {
        let changed = 0;
        for (const part of chunks(selected, BULK_CONTACT_LIMIT)) {
          changed += (await tag({ contactIds: part, add: splitTags(addTags), remove: splitTags(removeTags) }).unwrap())
            .changed;
        }
        return `Tags changed on ${changed} contacts`;
      });
    } else if (action === 'assign') {
      void run(async () => {
        let changed = 0;
        for (const part of chunks(selected, BULK_CONTACT_LIMIT)) {
          changed += (await assign({ contactIds: part, ownerId: ownerId || null }).unwrap()).changed;
        }
        return `Owner changed on ${changed} contacts`;
      });
    }
  };

  const activeFlows = (flows.data ?? []).filter((f) => f.status === 'active');
  const ready =
    (action === 'enroll' && flowId) ||
    (action === 'tag' && splitTags(addTags).length + splitTags(removeTags).length > 0) ||
    action === 'assign';

  return (
    <Box
      role="toolbar"
      aria-label="bulk actions"
      sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', minHeight: 36 }}
    >
      <Typography variant="body2" sx={{ mr: 1 }}>
        {formatCount(selected.length)} selected
      </Typography>
      <Button size="small" variant="contained" disabled={!selected.length} onClick={() => setAction('enroll')}>
        Enroll in flow
      </Button>
      <Button size="small" variant="outlined" disabled={!selected.length} onClick={() => setAction('tag')}>
        Tag
      </Button>
      <Button size="small" variant="outlined" disabled={!selected.length} onClick={() => setAction('assign')}>
        Assign owner
      </Button>
      <Button size="small" disabled={!selected.length} onClick={onDone}>
        Clear selection
      </Button>
      {outcome && (
        <Alert severity={outcome.ok ? 'success' : 'error'} onClose={() => setOutcome(null)} sx={{ py: 0 }}>
          {outcome.text}
        </Alert>
      )}
      <LazyDialog open={action !== null} onClose={() => setAction(null)} fullWidth maxWidth="xs">
        <DialogTitle>
          {action === 'enroll' ? 'Enroll in a flow' : action === 'tag' ? 'Tag contacts' : 'Assign an owner'}
        </DialogTitle>
        <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
          <Typography variant="body2">{formatCount(selected.length)} contacts</Typography>
          {action === 'enroll' && (
            <TextField
              id="bulk-flow"
              select
              label="Flow"
              value={flowId}
              onChange={(e) => setFlowId(e.target.value)}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              helperText={flows.isSuccess && !activeFlows.length ? 'No active flow takes enrollments' : undefined}
            >
              <option value="">Choose an active flow…</option>
              {activeFlows.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </TextField>
          )}
          {action === 'tag' && (
            <>
              <TextField
                id="bulk-add-tags"
                label="Add tags"
                placeholder="vip, webinar"
                value={addTags}
                onChange={(e) => setAddTags(e.target.value)}
              />
              <TextField
                id="bulk-remove-tags"
                label="Remove tags"
                value={removeTags}
                onChange={(e) => setRemoveTags(e.target.value)}
              />
            </>
          )}
          {action === 'assign' && (
            <TextField
              id="bulk-owner"
              select
              label="Owner"
              value={ownerId}
              onChange={(e) => setOwnerId(e.target.value)}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              <option value="">Nobody</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </TextField>
          )}
          {outcome && !outcome.ok && <Alert severity="error">{outcome.text}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAction(null)}>Cancel</Button>
          <Button variant="contained" disabled={!ready || busy} onClick={submit}>
            Apply
          </Button>
        </DialogActions>
      </LazyDialog>
    </Box>
  );
}
