import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  Alert,
  Box,
  Button,
  Chip,
  Divider,
  List,
  ListItemButton,
  ListItemText,
  Snackbar,
  Stack,
  Typography,
} from '@mui/material';
import type { FlowValidationError, NodeType } from '@cadenza/core';
import {
  apiErrorOf,
  errorMessage,
  useGetFlowQuery,
  useListRunsQuery,
  useNodeCountsQuery,
  usePublishFlowMutation,
  useSaveDraftMutation,
  useValidateFlowMutation,
} from '../api/cadenza-api';
import { useAppDispatch, useAppSelector } from '../store';
import { designerActions } from './designer-slice';
import { DesignerCanvas } from './designer-canvas';
import { NodePalette } from './node-palette';
import { PropertyPanel } from './property-panel';
import { RunDrawer } from './run-drawer';
import { toDefinition } from './flow-graph';
import { useLiveFlow } from './use-live-flow';
import { useUndoShortcuts } from './use-undo-shortcuts';

/** The errors an invalid-flow answer carries, so they can be painted on the nodes. */
function flowErrorsOf(error: unknown): FlowValidationError[] | undefined {
  const apiError = apiErrorOf(error);
  const errors = (apiError?.details as { errors?: FlowValidationError[] } | undefined)?.errors;
  return apiError?.code === 'invalid_flow' && Array.isArray(errors) ? errors : undefined;
}

/** The flow designer: palette, canvas, property panel, live run counts and run detail. */
export function DesignerPage() {
  const { flowId = '' } = useParams();
  const dispatch = useAppDispatch();
  const flowQuery = useGetFlowQuery(flowId);
  const designer = useAppSelector((state) => state.designer);
  const counts = useNodeCountsQuery(flowId);
  const runs = useListRunsQuery(flowId);
  const [saveDraft, saving] = useSaveDraftMutation();
  const [publish, publishing] = usePublishFlowMutation();
  const [validate] = useValidateFlowMutation();
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string }>();
  const [runId, setRunId] = useState<string | null>(null);

  const flow = flowQuery.data;
  useEffect(() => {
    // Load the draft once per flow; later refetches must not overwrite unsaved edits.
    if (flow && designer.flowId !== flow.id) dispatch(designerActions.loaded({ flowId: flow.id, draft: flow.draft }));
  }, [flow, designer.flowId, dispatch]);

  useLiveFlow(flowId, () => {
    void counts.refetch();
    void runs.refetch();
  });
  useUndoShortcuts();

  const definition = () => toDefinition(designer.graph);
  const save = async (): Promise<boolean> => {
    try {
      await saveDraft({ id: flowId, draft: definition() }).unwrap();
      dispatch(designerActions.saved());
      return true;
    } catch (error) {
      const errors = flowErrorsOf(error);
      if (errors) dispatch(designerActions.validated(errors));
      setNotice({
        severity: 'error',
        text: errors ? `${errors.length} problem(s) to fix before saving` : errorMessage(error),
      });
      return false;
    }
  };
  const onSave = async () => {
    if (await save()) setNotice({ severity: 'success', text: 'Draft saved' });
  };
  const onPublish = async () => {
    if (!(await save())) return;
    try {
      const version = await publish(flowId).unwrap();
      setNotice({ severity: 'success', text: `Published version ${version.version}` });
      void flowQuery.refetch();
    } catch (error) {
      const errors = flowErrorsOf(error);
      if (errors) dispatch(designerActions.validated(errors));
      setNotice({ severity: 'error', text: errorMessage(error) });
    }
  };
  const onCheck = async () => {
    try {
      const result = await validate(definition()).unwrap();
      dispatch(designerActions.validated(result.errors));
      setNotice(
        result.ok
          ? { severity: 'success', text: 'No problems found' }
          : { severity: 'error', text: `${result.errors.length} problem(s) found` },
      );
    } catch (error) {
      setNotice({ severity: 'error', text: errorMessage(error) });
    }
  };
  const addAtCentre = useCallback(
    (type: NodeType) => dispatch(designerActions.nodeAdded({ type, position: { x: 300, y: 200 } })),
    [dispatch],
  );

  if (flowQuery.error) return <Alert severity="error">{errorMessage(flowQuery.error)}</Alert>;
  if (!flow || designer.flowId !== flow.id) return <Typography sx={{ p: 3 }}>Loading flow…</Typography>;

  const selected = designer.graph.nodes.find((node) => node.id === designer.selectedNodeId);
  const chosenRun = runs.data?.find((run) => run.enrollmentId === runId);
  const flowWide = designer.errors[''] ?? [];

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 64px)' }}>
      <Stack direction="row" spacing={1} sx={{ p: 1, alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h6" sx={{ mr: 1 }}>
          {flow.name}
        </Typography>
        <Chip size="small" label={flow.status} />
        <Chip size="small" variant="outlined" label={flow.latestVersion ? `v${flow.latestVersion}` : 'unpublished'} />
        {designer.dirty && <Chip size="small" color="warning" label="unsaved" />}
        <Box sx={{ flex: 1 }} />
        <Button onClick={() => dispatch(designerActions.undone())} disabled={!designer.past.length} title="Ctrl+Z">
          Undo
        </Button>
        <Button
          onClick={() => dispatch(designerActions.redone())}
          disabled={!designer.future.length}
          title="Ctrl+Shift+Z"
        >
          Redo
        </Button>
        <Button onClick={onCheck}>Check</Button>
        <Button variant="outlined" onClick={onSave} disabled={saving.isLoading}>
          Save draft
        </Button>
        <Button variant="contained" onClick={onPublish} disabled={saving.isLoading || publishing.isLoading}>
          Publish
        </Button>
      </Stack>
      {flowWide.map((error, index) => (
        <Alert key={index} severity="error" sx={{ mx: 1, mb: 1 }}>
          {error.message}
        </Alert>
      ))}
      <Divider />
      <Box sx={{ flex: 1, display: 'flex', minHeight: 0 }}>
        <Box sx={{ width: { xs: 150, md: 200 }, borderRight: 1, borderColor: 'divider', flexShrink: 0 }}>
          <NodePalette onAdd={addAtCentre} />
        </Box>
        <Box sx={{ flex: 1, minWidth: 0 }} data-testid="canvas">
          <ReactFlowProvider>
            <DesignerCanvas counts={counts.data ?? {}} highlightedNodeId={chosenRun?.currentNodeId ?? null} />
          </ReactFlowProvider>
        </Box>
        <Box
          sx={{ width: { xs: 240, md: 320 }, borderLeft: 1, borderColor: 'divider', flexShrink: 0, overflowY: 'auto' }}
        >
          {selected ? (
            <PropertyPanel
              key={selected.id}
              node={selected}
              apiErrors={designer.errors[selected.id] ?? []}
              onSettingsChange={(settings) => dispatch(designerActions.settingsChanged({ id: selected.id, settings }))}
              onLabelChange={(label) => dispatch(designerActions.labelChanged({ id: selected.id, label }))}
              onDelete={() => dispatch(designerActions.removed({ nodeIds: [selected.id], edgeIds: [] }))}
            />
          ) : (
            <Box sx={{ p: 2 }} aria-label="runs">
              <Typography variant="subtitle2">Runs</Typography>
              {runs.data?.length === 0 && (
                <Typography variant="body2" color="text.secondary">
                  No runs yet. Publish, then enroll contacts.
                </Typography>
              )}
              <List dense>
                {runs.data?.slice(0, 50).map((run) => (
                  <ListItemButton
                    key={run.enrollmentId}
                    onClick={() => setRunId(run.enrollmentId)}
                    selected={run.enrollmentId === runId}
                  >
                    <ListItemText
                      primary={`${run.status} · ${run.currentNodeId ?? '—'}`}
                      secondary={new Date(run.startedAt).toLocaleString()}
                    />
                  </ListItemButton>
                ))}
              </List>
            </Box>
          )}
        </Box>
      </Box>
      <RunDrawer runId={runId} onClose={() => setRunId(null)} />
      <Snackbar open={Boolean(notice)} autoHideDuration={4000} onClose={() => setNotice(undefined)}>
        {notice ? (
          <Alert severity={notice.severity} onClose={() => setNotice(undefined)} role="status">
            {notice.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </Box>
  );
}
