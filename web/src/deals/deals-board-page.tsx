import { memo, useCallback, useMemo, useState, type DragEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, Chip, MenuItem, Paper, TextField, Typography } from '@mui/material';
import { DealSchema, can, type Deal, type DealStageTotals, type LiveEvent, type Stage } from '@cadenza/core';
import { errorMessage, useMeQuery } from '../api/cadenza-api';
import { nearEnd } from '../crm-shared/near-end';
import { useLiveRecords } from '../crm-shared/use-live-records';
import { ErrorSnackbar } from './error-snackbar';
import { useDebounced } from './use-debounced';
import { columnDeals, formatTotals, isOverdue, localDay, stagesInOrder } from './board-columns';
import {
  applyStageMove,
  boardTag,
  dealsApi,
  useDealsDispatch,
  useListPipelinesQuery,
  useMoveDealStageMutation,
  useStageDealsInfiniteQuery,
  useStageSummaryQuery,
  type StageMove,
} from './deals-api';
import { formatCount } from '../format/plain-format';

/** The drag payload type: only our own cards can be dropped on a column. */
const DEAL_MIME = 'application/x-cadenza-deal';
/** The card's deal travels with the drag, so the drop knows the column it leaves and what to move. */
const encodeDrag = (deal: Deal) => JSON.stringify(deal);
function decodeDrag(raw: string): Deal | null {
  try {
    const parsed = DealSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The deals board: one column per stage of the chosen pipeline, each loading its own deals
 * a page at a time (most recently changed first) under a head with the stage's full count
 * and sums. Dragging a card to another column moves the deal at once and asks the server;
 * a refusal puts it back with the reason. Moves by anyone else arrive over the live socket
 * and show within a moment.
 */
export function DealsBoardPage() {
  const me = useMeQuery();
  const pipelines = useListPipelinesQuery();
  const [chosen, setChosen] = useState<string | undefined>();
  const pipeline = pipelines.data?.find((p) => p.id === chosen) ?? pipelines.data?.[0];
  const summary = useStageSummaryQuery(pipeline?.id ?? '', { skip: !pipeline });
  const [moveStage] = useMoveDealStageMutation();
  const [failure, setFailure] = useState<string | null>(null);
  const canMove = me.data ? can(me.data.role, 'deals:write') : false;
  useLiveBoard(me.data?.tenant.id, pipeline?.id);

  const stages = useMemo(() => (pipeline ? stagesInOrder(pipeline.stages) : []), [pipeline]);
  const totalsByStage = useMemo(
    () => new Map((summary.data?.stages ?? []).map((stage) => [stage.stageId, stage])),
    [summary.data],
  );

  const drop = useCallback(
    (deal: Deal, stageId: string) => {
      if (deal.stageId === stageId) return;
      moveStage({ deal, stageId })
        .unwrap()
        .catch((error: unknown) => setFailure(`${deal.name} stayed where it was: ${errorMessage(error)}`));
    },
    [moveStage],
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
      {summary.error && <Alert severity="error">{errorMessage(summary.error)}</Alert>}
      {pipelines.data?.length === 0 && <Alert severity="info">No pipeline yet: an admin adds one in Settings.</Alert>}
      <Box sx={{ display: 'flex', gap: 2, overflowX: 'auto', alignItems: 'flex-start', pb: 2 }}>
        {pipeline &&
          stages.map((stage) => (
            <StageColumn
              key={stage.id}
              pipelineId={pipeline.id}
              stage={stage}
              totals={totalsByStage.get(stage.id)}
              canMove={canMove}
              onDrop={drop}
            />
          ))}
      </Box>
      <ErrorSnackbar message={failure} onClose={() => setFailure(null)} />
    </Box>
  );
}

/** One stage: its head (full count and sums from the summary) and the cards loaded so far. */
const StageColumn = memo(function StageColumn(props: {
  pipelineId: string;
  stage: Stage;
  totals: DealStageTotals | undefined;
  canMove: boolean;
  onDrop: (deal: Deal, stageId: string) => void;
}) {
  const { pipelineId, stage, totals, canMove, onDrop } = props;
  const list = useStageDealsInfiniteQuery({ pipelineId, stageId: stage.id });
  const deals = useMemo(() => columnDeals(list.data?.pages, stage.id), [list.data?.pages, stage.id]);
  const [over, setOver] = useState(false);
  const accepts = (e: DragEvent) => canMove && e.dataTransfer.types.includes(DEAL_MIME);
  const remaining = totals ? Math.max(0, totals.count - deals.length) : 0;
  // Close dates are calendar days; today's, in the rep's own time zone, decides what is overdue.
  const today = useMemo(() => localDay(new Date()), []);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = () => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };
  return (
    <Paper
      variant="outlined"
      role="list"
      aria-label={stage.name}
      data-testid={`stage-${stage.id}`}
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
        const deal = decodeDrag(e.dataTransfer.getData(DEAL_MIME));
        if (deal) onDrop(deal, stage.id);
      }}
      sx={{
        // Six stages fit a 1440 px screen side by side (Closed won and lost included); more scroll.
        flex: '1 1 0',
        minWidth: 200,
        maxWidth: 320,
        minHeight: 240,
        p: 1,
        bgcolor: over ? 'action.hover' : 'background.paper',
        borderColor: over ? 'primary.main' : undefined,
      }}
    >
      <Box sx={{ px: 1, pb: 1 }}>
        <Typography variant="subtitle2" component="h2">
          {stage.name}{' '}
          <Typography component="span" variant="caption" color="text.secondary" data-testid="stage-count">
            {totals ? formatCount(totals.count) : deals.length}
          </Typography>
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {formatTotals(totals?.totals ?? []) || '\u00a0'}
        </Typography>
      </Box>
      {list.error && <Alert severity="error">{errorMessage(list.error)}</Alert>}
      <Box
        sx={{
          display: 'flex',
          flexDirection: 'column',
          gap: 1,
          // The column scrolls on its own (and loads its next page near the end); cards keep their height.
          maxHeight: 'calc(100vh - 240px)',
          overflowY: 'auto',
          '& > *': { flexShrink: 0 },
        }}
        data-testid="stage-scroller"
        onScroll={(event) => {
          if (nearEnd(event.currentTarget)) loadMore();
        }}
      >
        {deals.map((deal) => (
          <DealCard key={deal.id} deal={deal} draggable={canMove} overdue={isOverdue(deal, stage, today)} />
        ))}
      </Box>
      {hasNextPage && (
        <Button
          size="small"
          fullWidth
          sx={{ mt: 1 }}
          disabled={isFetchingNextPage}
          onClick={loadMore}
          data-testid="stage-load-more"
        >
          {isFetchingNextPage ? 'Loading…' : remaining > 0 ? `Load more (${formatCount(remaining)} left)` : 'Load more'}
        </Button>
      )}
    </Paper>
  );
});

function DealCard({ deal, draggable, overdue }: { deal: Deal; draggable: boolean; overdue: boolean }) {
  return (
    <Card
      role="listitem"
      variant="outlined"
      draggable={draggable}
      data-testid={`deal-${deal.id}`}
      onDragStart={(e) => {
        e.dataTransfer.setData(DEAL_MIME, encodeDrag(deal));
        e.dataTransfer.effectAllowed = 'move';
      }}
      sx={{ cursor: draggable ? 'grab' : 'default' }}
    >
      <CardContent sx={{ p: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {deal.name}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div">
          {deal.amount !== null ? formatTotals([{ currency: deal.currency, amount: deal.amount }]) : 'no amount'}
          {deal.closeDate && !overdue ? ` · closes ${deal.closeDate}` : ''}
          {overdue && (
            <Box component="span" sx={{ color: 'error.main', fontWeight: 600 }}>
              {` · overdue since ${deal.closeDate}`}
            </Box>
          )}
        </Typography>
      </CardContent>
    </Card>
  );
}

/**
 * Keeps the board in step with everyone's changes: a stage change moves the card at once
 * from the event's payload (out of its column, on top of the new one, both heads recounted);
 * any deal event then refetches the board's loaded pages and summary (debounced), which also
 * brings in created, renamed and deleted deals.
 */
function useLiveBoard(tenantId: string | undefined, pipelineId: string | undefined) {
  const dispatch = useDealsDispatch();
  const refetch = useDebounced(() => {
    if (pipelineId) dispatch(dealsApi.util.invalidateTags([boardTag(pipelineId)]));
  }, 200);
  useLiveRecords(tenantId ? [`tenant:${tenantId}`] : [], {
    onEvent: (event: LiveEvent) => {
      if (event.subject !== 'deal' || !pipelineId) return;
      const move = stageMoveOf(event);
      if (move) applyStageMove(dispatch, move);
      refetch();
    },
    onResync: (reason) => {
      if (reason !== 'resumed') refetch();
    },
  });
}

/** The move a deal.stage_changed event describes, or null for any other event (or a malformed payload). */
function stageMoveOf(event: LiveEvent): StageMove | null {
  if (event.type !== 'deal.stage_changed') return null;
  const { fromPipelineId, fromStageId, toPipelineId, toStageId } = event.payload as Record<string, unknown>;
  const ids = [fromPipelineId, fromStageId, toPipelineId, toStageId];
  if (!ids.every((id): id is string => typeof id === 'string')) return null;
  return {
    dealId: event.subjectId,
    from: { pipelineId: ids[0]!, stageId: ids[1]! },
    to: { pipelineId: ids[2]!, stageId: ids[3]! },
    at: event.occurredAt,
  };
}
