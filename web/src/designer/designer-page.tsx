import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
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
import { can, flowWarnings, type FlowValidationError, type FlowWarning, type NodeType } from '@cadenza/core';
import {
  apiErrorOf,
  errorMessage,
  useGetFlowQuery,
  useListRunsQuery,
  useMeQuery,
  useNodeCountsQuery,
  usePublishFlowMutation,
  useSaveDraftMutation,
  useValidateFlowMutation,
} from '../api/cadenza-api';
import { useAppDispatch, useAppSelector } from '../store';
import type { Size } from './auto-layout';
import { useCustomFieldsQuery } from './designer-api';
import { addNode } from './add-node';
import { designerActions, selectDesigner } from './designer-slice';
import { DesignerCanvas } from './designer-canvas';
import { SHORTCUT_KEYS, SHORTCUTS_HINT } from './designer-shortcuts';
import { NodePalette } from './node-palette';
import { toDefinition } from './flow-graph';
import { useDesignerShortcuts } from './use-designer-shortcuts';
import { useFillViewport } from './use-fill-viewport';
import { useLiveFlow } from './use-live-flow';
import { useAfterPaint } from './use-after-paint';
import { formatDateTime } from '../format/plain-format';

// Dialogs and auto-layout (dagre) load when first used: they are not needed to draw the flow.
const FlowSettingsDialog = lazy(() =>
  import('./flow-settings-dialog').then((m) => ({ default: m.FlowSettingsDialog })),
);
const PublishDialog = lazy(() => import('./publish-dialog').then((m) => ({ default: m.PublishDialog })));
const TestRunDialog = lazy(() => import('./test-run-dialog').then((m) => ({ default: m.TestRunDialog })));
const RunDrawer = lazy(() => import('./run-drawer').then((m) => ({ default: m.RunDrawer })));
/** Before the counts load: one object, so the canvas's steps are not all rebuilt on every render. */
const NO_COUNTS: Record<string, number> = {};
// The property panel (generated forms, template editor, pickers) loads once a step is selected.
const PropertyPanel = lazy(() => import('./property-panel').then((m) => ({ default: m.PropertyPanel })));
const VersionHistory = lazy(() => import('./version-history').then((m) => ({ default: m.VersionHistory })));

/** The errors an invalid-flow answer carries, so they can be painted on the nodes. */
function flowErrorsOf(error: unknown): FlowValidationError[] | undefined {
  const apiError = apiErrorOf(error);
  const errors = (apiError?.details as { errors?: FlowValidationError[] } | undefined)?.errors;
  return apiError?.code === 'invalid_flow' && Array.isArray(errors) ? errors : undefined;
}

type OpenDialog = null | 'publish' | 'settings' | 'history' | { testRun: number | undefined };

/** The flow designer: palette, canvas, property panel, live run counts and run detail. */
export function DesignerPage() {
  // One provider for the whole page, so the toolbar's auto-layout can read measured node sizes.
  return (
    <ReactFlowProvider>
      <DesignerWorkspace />
    </ReactFlowProvider>
  );
}

function DesignerWorkspace() {
  const { flowId = '' } = useParams();
  const dispatch = useAppDispatch();
  const flowQuery = useGetFlowQuery(flowId);
  const me = useMeQuery();
  const designer = useAppSelector(selectDesigner);
  const counts = useNodeCountsQuery(flowId);
  const runs = useListRunsQuery(flowId);
  const [saveDraft, saving] = useSaveDraftMutation();
  const [publish, publishing] = usePublishFlowMutation();
  const [validate] = useValidateFlowMutation();
  const [notice, setNotice] = useState<{ severity: 'success' | 'warning' | 'error'; text: string }>();
  const [runId, setRunId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const { getNodes, fitView } = useReactFlow();
  const [pageRef, pageHeight] = useFillViewport<HTMLDivElement>();
  // Sales reps and ops may watch runs here, but only roles that manage flows edit them.
  const canEdit = me.data ? can(me.data.role, 'flows:manage') : false;

  const flow = flowQuery.data;
  useEffect(() => {
    // Load the draft once per flow; later refetches must not overwrite unsaved edits.
    if (flow && designer.flowId !== flow.id) dispatch(designerActions.loaded({ flowId: flow.id, draft: flow.draft }));
  }, [flow, designer.flowId, dispatch]);

  // The draft lands in the store as an urgent (synchronous) update; the workspace is drawn as a
  // transition instead, in slices between which the browser stays responsive (mobile total
  // blocking time, issue 7).
  const workspaceShown = useDeferredValue(Boolean(flow) && designer.flowId === flow?.id);
  // The canvas, and the custom fields only the property panel needs, come once the rest is on screen.
  const canvasShown = useAfterPaint(workspaceShown);
  const customFields = useCustomFieldsQuery(undefined, { skip: !canvasShown });

  useLiveFlow(flowId, () => {
    void counts.refetch();
    void runs.refetch();
  });

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
    if (!(await save())) return setDialog(null);
    try {
      const version = await publish(flowId).unwrap();
      const warnings = flowWarnings(definition());
      setNotice(
        warnings.length > 0
          ? { severity: 'warning', text: `Published version ${version.version}. ${warningText(warnings)}` }
          : { severity: 'success', text: `Published version ${version.version}` },
      );
      void flowQuery.refetch();
    } catch (error) {
      const errors = flowErrorsOf(error);
      if (errors) dispatch(designerActions.validated(errors));
      setNotice({ severity: 'error', text: errorMessage(error) });
    }
    setDialog(null);
  };
  const onCheck = async () => {
    try {
      const result = await validate(definition()).unwrap();
      dispatch(designerActions.validated(result.errors));
      const warnings = result.warnings ?? [];
      setNotice(
        !result.ok
          ? { severity: 'error', text: `${result.errors.length} problem(s) found` }
          : warnings.length > 0
            ? { severity: 'warning', text: `No problems found. ${warningText(warnings)}` }
            : { severity: 'success', text: 'No problems found' },
      );
    } catch (error) {
      setNotice({ severity: 'error', text: errorMessage(error) });
    }
  };
  const onLayout = async () => {
    const sizes: Record<string, Size> = {};
    for (const node of getNodes())
      if (node.measured?.width && node.measured.height) sizes[node.id] = node.measured as Size;
    const { layoutPositions } = await import('./auto-layout');
    dispatch(designerActions.laidOut(layoutPositions(designer.graph, sizes)));
    // Once the new positions are on the canvas, bring the whole flow into view.
    requestAnimationFrame(() => void fitView({ maxZoom: 1, duration: 200 }));
  };
  useDesignerShortcuts({
    undo: () => canEdit && dispatch(designerActions.undone()),
    redo: () => canEdit && dispatch(designerActions.redone()),
    save: () => canEdit && void onSave(),
    layout: () => canEdit && void onLayout(),
  });
  const addAtCentre = useCallback((type: NodeType) => void dispatch(addNode(type, { x: 300, y: 200 })), [dispatch]);

  if (flowQuery.error) return <Alert severity="error">{errorMessage(flowQuery.error)}</Alert>;
  if (!flow || !workspaceShown || designer.flowId !== flow.id)
    return <Typography sx={{ p: 3 }}>Loading flow…</Typography>;

  const selected = designer.graph.nodes.find((node) => node.id === designer.selectedNodeId);
  const chosenRun = runs.data?.find((run) => run.enrollmentId === runId);
  const flowWide = designer.errors[''] ?? [];
  const busy = saving.isLoading || publishing.isLoading;

  return (
    <Box
      ref={pageRef}
      sx={{
        display: 'flex',
        flexDirection: 'column',
        height: pageHeight ?? { xs: 'calc(100vh - 56px)', sm: 'calc(100vh - 64px)' },
        minWidth: 0,
      }}
    >
      <Stack direction="row" spacing={1} sx={{ p: 1, alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h6" sx={{ mr: 1 }}>
          {flow.name}
        </Typography>
        <Chip size="small" label={flow.status} />
        <Chip size="small" variant="outlined" label={flow.latestVersion ? `v${flow.latestVersion}` : 'unpublished'} />
        {designer.dirty && <Chip size="small" color="warning" label="unsaved" />}
        {!canEdit && <Chip size="small" label="view only" />}
        <Box sx={{ flex: 1 }} />
        {canEdit && (
          <>
            <Button
              onClick={() => dispatch(designerActions.undone())}
              disabled={!designer.past.length}
              title={SHORTCUT_KEYS.undo}
            >
              Undo
            </Button>
            <Button
              onClick={() => dispatch(designerActions.redone())}
              disabled={!designer.future.length}
              title={SHORTCUT_KEYS.redo}
            >
              Redo
            </Button>
            <Button onClick={() => void onLayout()} title={SHORTCUT_KEYS.layout}>
              Tidy up
            </Button>
          </>
        )}
        <Button onClick={() => setDialog('settings')}>Settings</Button>
        <Button onClick={() => setDialog('history')}>History</Button>
        {canEdit && (
          <>
            <Button onClick={onCheck}>Check</Button>
            <Button onClick={() => setDialog({ testRun: undefined })}>Test run</Button>
            <Button variant="outlined" onClick={onSave} disabled={busy} title={SHORTCUT_KEYS.save}>
              Save draft
            </Button>
            <Button variant="contained" onClick={() => setDialog('publish')} disabled={busy}>
              Publish
            </Button>
          </>
        )}
      </Stack>
      {flowWide.map((error, index) => (
        <Alert key={index} severity="error" sx={{ mx: 1, mb: 1 }}>
          {error.message}
        </Alert>
      ))}
      <Divider />
      <Box sx={{ flex: 1, display: 'flex', minHeight: 0 }}>
        {canEdit && (
          <Box sx={{ width: { xs: 150, md: 200 }, borderRight: 1, borderColor: 'divider', flexShrink: 0 }}>
            <NodePalette onAdd={addAtCentre} />
          </Box>
        )}
        <Box sx={{ flex: 1, minWidth: 0 }} data-testid="canvas">
          {canvasShown && (
            <DesignerCanvas
              counts={counts.data ?? NO_COUNTS}
              highlightedNodeId={chosenRun?.currentNodeId ?? null}
              readOnly={!canEdit}
            />
          )}
        </Box>
        <Box
          sx={{ width: { xs: 240, md: 320 }, borderLeft: 1, borderColor: 'divider', flexShrink: 0, overflowY: 'auto' }}
        >
          {selected ? (
            <Suspense fallback={<Typography sx={{ p: 2 }}>Loading…</Typography>}>
              <PropertyPanel
                key={selected.id}
                node={selected}
                nodes={designer.graph.nodes}
                customFields={customFields.data}
                readOnly={!canEdit}
                apiErrors={designer.errors[selected.id] ?? []}
                onSettingsChange={(settings) =>
                  dispatch(designerActions.settingsChanged({ id: selected.id, settings }))
                }
                onLabelChange={(label) => dispatch(designerActions.labelChanged({ id: selected.id, label }))}
                onDelete={() => dispatch(designerActions.removed({ nodeIds: [selected.id], edgeIds: [] }))}
              />
            </Suspense>
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
                      primary={`${run.testMode ? 'test · ' : ''}${run.status} · ${run.currentNodeId ?? '—'}`}
                      secondary={formatDateTime(run.startedAt)}
                    />
                  </ListItemButton>
                ))}
              </List>
              {canEdit && (
                <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 2 }}>
                  {SHORTCUTS_HINT}
                </Typography>
              )}
            </Box>
          )}
        </Box>
      </Box>
      {runId && (
        <Suspense fallback={null}>
          <RunDrawer runId={runId} onClose={() => setRunId(null)} />
        </Suspense>
      )}
      <Suspense fallback={null}>
        {dialog === 'publish' && (
          <PublishDialog
            open
            flowId={flowId}
            definition={definition()}
            publishing={busy}
            onPublish={onPublish}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog === 'settings' && (
          <FlowSettingsDialog
            open
            flowId={flowId}
            settings={designer.graph.settings}
            goals={designer.graph.nodes.filter((node) => node.type === 'goal')}
            readOnly={!canEdit}
            onClose={() => setDialog(null)}
            onApply={(settings) => dispatch(designerActions.flowSettingsChanged(settings))}
          />
        )}
        {dialog === 'history' && (
          <VersionHistory
            open
            flowId={flowId}
            onClose={() => setDialog(null)}
            onTestVersion={(version) => setDialog({ testRun: version })}
          />
        )}
        {typeof dialog === 'object' && dialog !== null && (
          <TestRunDialog
            open
            flowId={flowId}
            initialVersion={dialog.testRun}
            saveDraft={save}
            onClose={() => setDialog(null)}
          />
        )}
      </Suspense>
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

/** Warnings as one sentence for the designer's notice. */
const warningText = (warnings: readonly FlowWarning[]) =>
  warnings.length === 1
    ? `Warning: ${warnings[0]!.message}`
    : `${warnings.length} warnings: ${warnings.map((w) => w.message).join(' ')}`;
