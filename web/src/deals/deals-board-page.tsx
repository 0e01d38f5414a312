import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { Alert, Box, Card, CardContent, Chip, MenuItem, Paper, TextField, Typography } from '@mui/material';
import { can, type Deal, type LiveEvent } from '@cadenza/core';
import { errorMessage, useMeQuery } from '../api/cadenza-api';
import { useLiveRecords } from '../crm-shared/use-live-records';
import { ErrorSnackbar } from './error-snackbar';
import { useDebounced } from './use-debounced';
import { boardColumns, formatTotals, moveDeal, type BoardColumn } from './board-columns';
import {
  dealsApi,
  useBoardDealsQuery,
  useDealsDispatch,
  useListPipelinesQuery,
  useMoveDealStageMutation,
} from './deals-api';

/** The drag payload type: only our own cards can be dropped on a column. */
const DEAL_MIME = 'application/x-cadenza-deal';

/**
 * The deals board: one column per stage of the chosen pipeline. Dragging a card to another
 * column moves the deal at once and asks the server; a refusal puts it back with the reason.
 * Moves by anyone else arrive over the live socket and show within a moment.
 */
export function DealsBoardPage() {
  const me = useMeQuery();
  const pipelines = useListPipelinesQuery();
  const [chosen, setChosen] = useState<string | undefined>();
  const pipeline = pipelines.data?.find((p) => p.id === chosen) ?? pipelines.data?.[0];
  const board = useBoardDealsQuery(pipeline?.id ?? '', { skip: !pipeline });
  const [moveStage] = useMoveDealStageMutation();
  const [failure, setFailure] = useState<string | null>(null);
  const canMove = me.data ? can(me.data.role, 'deals:write') : false;
  useLiveBoard(me.data?.tenant.id, pipeline?.id);

  const columns = useMemo(
    () => (pipeline && board.data ? boardColumns(pipeline.stages, board.data.deals) : []),
    [pipeline, board.data],
  );

  const drop = useCallback(
    (dealId: string, stageId: string) => {
      const deal = board.data?.deals.find((d) => d.id === dealId);
      if (!pipeline || !deal || deal.stageId === stageId) return;
      moveStage({ dealId, pipelineId: pipeline.id, stageId })
        .unwrap()
        .catch((error: unknown) => setFailure(`${deal.name} stayed where it was: ${errorMessage(error)}`));
    },
    [board.data, pipeline, moveStage],
  );

  return (
    <Box sx={{ p: 3 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2 }}>
        <Typography variant="h5" component="h1">
          Deals
        </Typography>
        {pipelines.data && pipelines.data.length > 1 && (
          <TextField
            select
            size="small"
            label="Pipeline"
            value={pipeline?.id ?? ''}
            onChange={(e) => setChosen(e.target.value)}
            sx={{ minWidth: 220 }}
          >
            {pipelines.data.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        {!canMove && me.data && <Chip size="small" label="read only" />}
      </Box>
      {pipelines.error && <Alert severity="error">{errorMessage(pipelines.error)}</Alert>}
      {board.error && <Alert severity="error">{errorMessage(board.error)}</Alert>}
      {pipelines.data?.length === 0 && <Alert severity="info">No pipeline yet: an admin adds one in Settings.</Alert>}
      {board.data?.truncated && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          This pipeline has more deals than the board shows; the newest are on screen.
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 2, overflowX: 'auto', alignItems: 'flex-start', pb: 2 }}>
        {columns.map((column) => (
          <StageColumn key={column.stage.id} column={column} canMove={canMove} onDrop={drop} />
        ))}
      </Box>
      <ErrorSnackbar message={failure} onClose={() => setFailure(null)} />
    </Box>
  );
}

function StageColumn(props: {
  column: BoardColumn;
  canMove: boolean;
  onDrop: (dealId: string, stageId: string) => void;
}) {
  const { column, canMove, onDrop } = props;
  const [over, setOver] = useState(false);
  const accepts = (e: DragEvent) => canMove && e.dataTransfer.types.includes(DEAL_MIME);
  return (
    <Paper
      variant="outlined"
      role="list"
      aria-label={column.stage.name}
      data-testid={`stage-${column.stage.id}`}
      onDragOver={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        if (!accepts(e)) return;
        e.preventDefault();
        onDrop(e.dataTransfer.getData(DEAL_MIME), column.stage.id);
      }}
      sx={{
        width: 280,
        flex: '0 0 280px',
        minHeight: 240,
        p: 1,
        bgcolor: over ? 'action.hover' : 'background.paper',
        borderColor: over ? 'primary.main' : undefined,
      }}
    >
      <Box sx={{ px: 1, pb: 1 }}>
        <Typography variant="subtitle2" component="h2">
          {column.stage.name}{' '}
          <Typography component="span" variant="caption" color="text.secondary" data-testid="stage-count">
            {column.deals.length}
          </Typography>
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {formatTotals(column.totals) || '\u00a0'}
        </Typography>
      </Box>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        {column.deals.map((deal) => (
          <DealCard key={deal.id} deal={deal} draggable={canMove} />
        ))}
      </Box>
    </Paper>
  );
}

function DealCard({ deal, draggable }: { deal: Deal; draggable: boolean }) {
  return (
    <Card
      role="listitem"
      variant="outlined"
      draggable={draggable}
      data-testid={`deal-${deal.id}`}
      onDragStart={(e) => {
        e.dataTransfer.setData(DEAL_MIME, deal.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      sx={{ cursor: draggable ? 'grab' : 'default' }}
    >
      <CardContent sx={{ p: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {deal.name}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div">
          {deal.amount !== null ? formatTotals({ [deal.currency]: deal.amount }) : 'no amount'}
          {deal.closeDate ? ` · closes ${deal.closeDate}` : ''}
        </Typography>
      </CardContent>
    </Card>
  );
}

/**
 * Keeps the board in step with everyone's changes: a stage change moves the card at once
 * from the event's payload; any deal event then refetches the board (debounced), which also
 * brings in created, renamed and deleted deals.
 */
function useLiveBoard(tenantId: string | undefined, pipelineId: string | undefined) {
  const dispatch = useDealsDispatch();
  const refetch = useDebounced(() => {
    if (pipelineId) dispatch(dealsApi.util.invalidateTags([{ type: 'BoardDeals', id: pipelineId }]));
  }, 200);
  useLiveRecords(tenantId ? [`tenant:${tenantId}`] : [], {
    onEvent: (event: LiveEvent) => {
      if (event.subject !== 'deal' || !pipelineId) return;
      const { toStageId, toPipelineId } = event.payload as { toStageId?: unknown; toPipelineId?: unknown };
      if (event.type === 'deal.stage_changed' && typeof toStageId === 'string' && toPipelineId === pipelineId) {
        dispatch(
          dealsApi.util.updateQueryData('boardDeals', pipelineId, (draft) => {
            draft.deals = moveDeal(draft.deals, event.subjectId, toStageId, new Date(event.occurredAt));
          }),
        );
      }
      refetch();
    },
    onResync: (reason) => {
      if (reason !== 'resumed') refetch();
    },
  });
}
