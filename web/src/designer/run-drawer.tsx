import {
  Alert,
  Box,
  Button,
  Chip,
  Drawer,
  IconButton,
  Link,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { errorMessage, useGetRunQuery, useRunActionMutation } from '../api/cadenza-api';
import { formatDateTime } from '../format/plain-format';
import { AgentTrace } from './agent-trace';
import { agentTraceOf } from './agent-trace-model';
import { restLine } from './run-rest';

const FINAL = new Set(['completed', 'unenrolled', 'cancelled']);

/** One run: where it is, its step timeline, the controls a person may use, and its Temporal history. */
export function RunDrawer({ runId, onClose }: { runId: string | null; onClose: () => void }) {
  const { data: run, error, isLoading } = useGetRunQuery(runId ?? '', { skip: !runId, pollingInterval: 0 });
  const [act, action] = useRunActionMutation();
  const ended = run ? FINAL.has(run.status) : true;
  const control = (name: 'pause' | 'resume' | 'cancel' | 'retry' | 'skip-wait', label: string, enabled: boolean) => (
    <Button
      size="small"
      variant="outlined"
      disabled={!enabled || action.isLoading}
      onClick={() => run && act({ id: run.enrollmentId, action: name })}
    >
      {label}
    </Button>
  );
  return (
    <Drawer anchor="right" open={Boolean(runId)} onClose={onClose}>
      <Box sx={{ width: { xs: 300, sm: 380 }, p: 2 }} role="region" aria-label="run detail">
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
          <Typography variant="h6">Run</Typography>
          <IconButton aria-label="close run detail" onClick={onClose}>
            ×
          </IconButton>
        </Stack>
        {isLoading && <Typography color="text.secondary">Loading run…</Typography>}
        {error && <Alert severity="error">{errorMessage(error)}</Alert>}
        {action.error && <Alert severity="error">{errorMessage(action.error)}</Alert>}
        {run && (
          <Stack spacing={1.5}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Chip label={run.status} color={run.status === 'failed' ? 'error' : 'default'} size="small" />
              <Typography variant="body2">
                v{run.flowVersion} · at {run.currentNodeId ?? '—'}
              </Typography>
            </Stack>
            {restLine(run) && (
              <Typography variant="body2" role="status">
                {restLine(run)}
              </Typography>
            )}
            {run.exitReason && <Typography variant="body2">Exit: {run.exitReason}</Typography>}
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {control('pause', 'Pause', !ended && run.status !== 'paused')}
              {control('resume', 'Resume', run.status === 'paused')}
              {control('skip-wait', 'Skip wait', run.status === 'waiting')}
              {control('retry', 'Retry', run.status === 'failed')}
              {control('cancel', 'Cancel', !ended)}
            </Stack>
            {run.temporalUiUrl && (
              <Link href={run.temporalUiUrl} target="_blank" rel="noreferrer">
                Open in Temporal UI
              </Link>
            )}
            <Typography variant="subtitle2">Timeline</Typography>
            {run.steps.length === 0 && <Typography color="text.secondary">No step finished yet.</Typography>}
            <List dense disablePadding>
              {run.steps.map((step) => (
                <ListItem key={`${step.nodeId}-${step.visit}`} divider>
                  <ListItemText
                    primary={`${step.nodeId} · ${step.status}${step.output ? ` → ${step.output}` : ''}`}
                    secondary={
                      <>
                        {formatDateTime(step.startedAt)}
                        {step.error && (
                          <Box component="span" sx={{ display: 'block', color: 'error.main' }}>
                            {step.error}
                          </Box>
                        )}
                        {agentTraceOf(step.result) && <AgentTrace trace={agentTraceOf(step.result)!} />}
                        {step.result !== null && step.result !== undefined && (
                          <Box component="code" sx={{ display: 'block', fontSize: 11, wordBreak: 'break-all' }}>
                            {JSON.stringify(step.result).slice(0, 300)}
                          </Box>
                        )}
                      </>
                    }
                  />
                </ListItem>
              ))}
            </List>
          </Stack>
        )}
      </Box>
    </Drawer>
  );
}
