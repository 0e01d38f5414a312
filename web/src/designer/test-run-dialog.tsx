import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  List,
  ListItem,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { errorMessage, useGetRunQuery, useRunActionMutation } from '../api/cadenza-api';
import { ContactPicker } from './contact-picker';
import { useListVersionsQuery, useRunRecordedQuery, useStartTestRunMutation, type ContactOption } from './designer-api';

const FINAL = new Set(['completed', 'unenrolled', 'cancelled', 'failed']);

export interface TestRunDialogProps {
  open: boolean;
  flowId: string;
  /** A published version to test, or undefined for the draft. */
  initialVersion?: number;
  /** Saves the draft first (a test run of the draft runs what is stored); false when that failed. */
  saveDraft: () => Promise<boolean>;
  onClose: () => void;
}

/** What a captured step would have done: its `wouldDo` record (or the whole result), as readable JSON. */
export function describeCapture(result: unknown): string {
  const wouldDo = (result as { wouldDo?: unknown } | null)?.wouldDo ?? result;
  return JSON.stringify(wouldDo, null, 2);
}

/**
 * Runs the draft (or a published version) for one contact in test mode: every step runs, but
 * side effects (emails, tags, tasks, webhooks) are recorded instead of done, and listed here.
 */
export function TestRunDialog({ open, flowId, initialVersion, saveDraft, onClose }: TestRunDialogProps) {
  const [contact, setContact] = useState<ContactOption | null>(null);
  const [version, setVersion] = useState<number | undefined>(initialVersion);
  const [runId, setRunId] = useState<string | null>(null);
  const [runContactId, setRunContactId] = useState('');
  const [start, starting] = useStartTestRunMutation();
  const [act, acting] = useRunActionMutation();
  const versions = useListVersionsQuery(flowId, { skip: !open });
  useEffect(() => {
    if (open) {
      setVersion(initialVersion);
      setRunId(null);
    }
  }, [open, initialVersion]);
  const [seenRunId, setSeenRunId] = useState<string | null>(null);
  const recorded = useRunRecordedQuery(
    { flowId, contactId: runContactId, enrollmentId: runId ?? '' },
    { skip: !runId || seenRunId === runId, pollingInterval: 500 },
  );
  useEffect(() => {
    if (recorded.data && runId) setSeenRunId(runId);
  }, [recorded.data, runId]);
  const [pollingInterval, setPollingInterval] = useState(1000);
  const run = useGetRunQuery(runId ?? '', { skip: !runId || seenRunId !== runId, pollingInterval });
  const ended = run.data ? FINAL.has(run.data.status) : false;
  // Stop asking once the run ended; a waiting run keeps being polled until its wait is skipped.
  useEffect(() => setPollingInterval(ended ? 0 : 1000), [ended]);

  const begin = async () => {
    if (!contact) return;
    if (version === undefined && !(await saveDraft())) return;
    const started = await start({ flowId, contactId: contact.id, version })
      .unwrap()
      .catch(() => undefined);
    if (started) {
      setRunContactId(contact.id);
      setRunId(started.enrollmentId);
    }
  };
  const captured = run.data?.steps.filter((step) => step.status === 'captured') ?? [];

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="test-run-title">
      <DialogTitle id="test-run-title">Test run</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={1.5}>
          <Typography variant="body2" color="text.secondary">
            Runs every step for one contact without sending or changing anything: side effects are captured and shown
            below.
          </Typography>
          <ContactPicker id="test-run-contact" value={contact} onChange={setContact} />
          <TextField
            select
            size="small"
            id="test-run-version"
            label="What to run"
            value={version === undefined ? 'draft' : String(version)}
            onChange={(event) => setVersion(event.target.value === 'draft' ? undefined : Number(event.target.value))}
            slotProps={{ select: { native: true } }}
          >
            <option value="draft">the draft (saved first)</option>
            {versions.data?.map((v) => (
              <option key={v.version} value={String(v.version)}>
                version {v.version}
              </option>
            ))}
          </TextField>
          {starting.error && <Alert severity="error">{errorMessage(starting.error)}</Alert>}
          {run.error && <Alert severity="error">{errorMessage(run.error)}</Alert>}
          {acting.error && <Alert severity="error">{errorMessage(acting.error)}</Alert>}
          {runId && !run.data && <Typography color="text.secondary">Starting…</Typography>}
          {run.data && (
            <Box role="region" aria-label="test run result">
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
                <Chip size="small" label={run.data.status} color={run.data.status === 'failed' ? 'error' : 'default'} />
                <Typography variant="body2">at {run.data.currentNodeId ?? '—'}</Typography>
                <Box sx={{ flex: 1 }} />
                {run.data.status === 'waiting' && (
                  <Button size="small" onClick={() => act({ id: run.data!.enrollmentId, action: 'skip-wait' })}>
                    Skip wait
                  </Button>
                )}
                {run.data.temporalUiUrl && (
                  <Link href={run.data.temporalUiUrl} target="_blank" rel="noreferrer" variant="body2">
                    Temporal UI
                  </Link>
                )}
              </Stack>
              <Typography variant="subtitle2">Captured side effects ({captured.length})</Typography>
              {captured.length === 0 && (
                <Typography variant="body2" color="text.secondary">
                  {ended ? 'This run had no side effect.' : 'None yet.'}
                </Typography>
              )}
              <List dense disablePadding>
                {captured.map((step) => (
                  <ListItem key={`${step.nodeId}-${step.visit}`} divider data-testid={`captured-${step.nodeId}`}>
                    <ListItemText
                      primary={`${step.nodeId} (${step.nodeType}) would have:`}
                      secondary={
                        <Box
                          component="pre"
                          sx={{ m: 0, fontSize: 11, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                        >
                          {describeCapture(step.result)}
                        </Box>
                      }
                      slotProps={{ secondary: { component: 'div' } }}
                    />
                  </ListItem>
                ))}
              </List>
              <Typography variant="subtitle2" sx={{ mt: 1 }}>
                Path
              </Typography>
              <Typography variant="body2" data-testid="test-run-path">
                {run.data.steps.map((step) => `${step.nodeId}${step.output ? ` → ${step.output}` : ''}`).join(' · ') ||
                  '—'}
              </Typography>
            </Box>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button variant="contained" onClick={begin} disabled={!contact || starting.isLoading}>
          {runId ? 'Run again' : 'Start test run'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
