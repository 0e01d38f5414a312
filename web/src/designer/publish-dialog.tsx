import { useMemo } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { errorMessage } from '../api/cadenza-api';
import { useListVersionsQuery } from './designer-api';
import { diffDefinitions } from './flow-diff';
import { FlowDiffView } from './flow-diff-view';

export interface PublishDialogProps {
  open: boolean;
  flowId: string;
  /** The definition about to be published (the designer's current graph). */
  definition: unknown;
  publishing: boolean;
  onPublish: () => void;
  onClose: () => void;
}

/** Shows what publishing changes against the latest published version, then publishes. */
export function PublishDialog({ open, flowId, definition, publishing, onPublish, onClose }: PublishDialogProps) {
  const versions = useListVersionsQuery(flowId, { skip: !open });
  const latest = versions.data?.[0];
  const diff = useMemo(() => diffDefinitions(latest?.definition, definition), [latest, definition]);
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="publish-title">
      <DialogTitle id="publish-title">
        Publish {latest ? `version ${latest.version + 1}` : 'the first version'}
      </DialogTitle>
      <DialogContent dividers>
        {versions.error && <Alert severity="error">{errorMessage(versions.error)}</Alert>}
        {versions.isLoading && <Typography color="text.secondary">Loading the published version…</Typography>}
        {versions.data && (
          <FlowDiffView diff={diff} against={latest ? `version ${latest.version}` : 'nothing (first publish)'} />
        )}
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 2 }}>
          Runs already in flight stay on the version they started with; new enrollments use this one.
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={onPublish} disabled={publishing || !versions.data}>
          Publish now
        </Button>
      </DialogActions>
    </Dialog>
  );
}
