import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItemButton,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import type { FlowVersion } from '@cadenza/core';
import { errorMessage } from '../api/cadenza-api';
import { useListVersionsQuery } from './designer-api';
import { diffDefinitions } from './flow-diff';
import { FlowDiffView } from './flow-diff-view';
import { fromDefinition } from './flow-graph';
import { PropertyPanel } from './property-panel';
import { ReadOnlyCanvas } from './readonly-canvas';
import { formatDateTime } from '../format/plain-format';

export interface VersionHistoryProps {
  open: boolean;
  flowId: string;
  onClose: () => void;
  /** Starts a test run of a published version. */
  onTestVersion: (version: number) => void;
}

/** Published versions, newest first; one can be opened read-only with what it changed. */
export function VersionHistory({ open, flowId, onClose, onTestVersion }: VersionHistoryProps) {
  const versions = useListVersionsQuery(flowId, { skip: !open });
  const [viewing, setViewing] = useState<FlowVersion | null>(null);
  return (
    <>
      <Dialog open={open && !viewing} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="versions-title">
        <DialogTitle id="versions-title">Version history</DialogTitle>
        <DialogContent dividers>
          {versions.error && <Alert severity="error">{errorMessage(versions.error)}</Alert>}
          {versions.isLoading && <Typography color="text.secondary">Loading versions…</Typography>}
          {versions.data?.length === 0 && <Typography color="text.secondary">Not published yet.</Typography>}
          <List dense aria-label="versions">
            {versions.data?.map((version, index) => (
              <ListItemButton key={version.version} onClick={() => setViewing(version)}>
                <ListItemText
                  primary={`Version ${version.version}`}
                  secondary={`published ${formatDateTime(version.publishedAt)}`}
                />
                {index === 0 && <Chip size="small" color="success" label="live" />}
              </ListItemButton>
            ))}
          </List>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
        </DialogActions>
      </Dialog>
      {viewing && (
        <VersionViewer
          version={viewing}
          previous={versions.data?.find((v) => v.version === viewing.version - 1)}
          onBack={() => setViewing(null)}
          onTest={() => {
            setViewing(null);
            onTestVersion(viewing.version);
          }}
        />
      )}
    </>
  );
}

function VersionViewer({
  version,
  previous,
  onBack,
  onTest,
}: {
  version: FlowVersion;
  previous: FlowVersion | undefined;
  onBack: () => void;
  onTest: () => void;
}) {
  const graph = useMemo(() => fromDefinition(version.definition), [version]);
  const diff = useMemo(() => diffDefinitions(previous?.definition, version.definition), [previous, version]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = graph.nodes.find((node) => node.id === selectedId);
  return (
    <Dialog open onClose={onBack} fullScreen aria-labelledby="version-title">
      <DialogTitle id="version-title">
        Version {version.version} <Chip size="small" label="read-only" sx={{ ml: 1 }} />
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', p: 0, minHeight: 0 }}>
        <Box sx={{ flex: 1, minWidth: 0 }} data-testid="version-canvas">
          <ReadOnlyCanvas graph={graph} selectedNodeId={selectedId} onSelect={setSelectedId} />
        </Box>
        <Box
          sx={{ width: { xs: 260, md: 340 }, borderLeft: 1, borderColor: 'divider', overflowY: 'auto', flexShrink: 0 }}
        >
          {selected ? (
            <PropertyPanel
              key={selected.id}
              node={selected}
              nodes={graph.nodes}
              apiErrors={[]}
              readOnly
              onSettingsChange={() => undefined}
              onLabelChange={() => undefined}
              onDelete={() => undefined}
            />
          ) : (
            <Stack spacing={1} sx={{ p: 2 }}>
              <Typography variant="subtitle2">What this version changed</Typography>
              <FlowDiffView
                diff={diff}
                against={previous ? `version ${previous.version}` : 'nothing (first version)'}
              />
              <Typography variant="caption" color="text.secondary">
                Click a step to read its settings.
              </Typography>
            </Stack>
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onTest}>Test-run this version</Button>
        <Button variant="contained" onClick={onBack}>
          Back to versions
        </Button>
      </DialogActions>
    </Dialog>
  );
}
