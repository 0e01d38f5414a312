import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, CardContent, Chip, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { Deal, FlowRun, Task } from '@cadenza/core';
import { formatDateTime } from '../format/plain-format';
import { restLine } from '../designer/run-rest';

function ListCard({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6">{title}</Typography>
        {empty ? (
          <Typography variant="body2" color="text.secondary">
            None.
          </Typography>
        ) : (
          <List dense aria-label={title.toLowerCase()}>
            {children}
          </List>
        )}
      </CardContent>
    </Card>
  );
}

const OPEN_RUN = new Set(['running', 'waiting', 'paused', 'failed']);

/** Flows the contact is in now, with the step each run is at (or until when it rests); finished runs are left to the flow's page. */
export function EnrollmentsCard({ runs, flowNames }: { runs: FlowRun[]; flowNames: Map<string, string> }) {
  const active = runs.filter((run) => OPEN_RUN.has(run.status) && !run.testMode);
  return (
    <ListCard title="Active enrollments" empty={active.length === 0}>
      {active.map((run) => (
        <ListItem key={run.enrollmentId} disableGutters>
          <ListItemText
            primary={
              <Link to={`/flows/${run.flowId}`}>{flowNames.get(run.flowId) ?? `Flow ${run.flowId.slice(0, 8)}`}</Link>
            }
            secondary={restLine(run) ?? `step ${run.currentNodeId ?? '—'} · since ${formatDateTime(run.startedAt)}`}
          />
          <Chip size="small" label={run.status} color={run.status === 'failed' ? 'error' : 'default'} />
        </ListItem>
      ))}
    </ListCard>
  );
}

const money = (amount: number | null, currency: string) =>
  amount === null ? '—' : new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);

export function DealsCard({ deals }: { deals: Deal[] }) {
  return (
    <ListCard title="Deals" empty={deals.length === 0}>
      {deals.map((deal) => (
        <ListItem key={deal.id} disableGutters>
          <ListItemText
            primary={deal.name}
            secondary={`${money(deal.amount, deal.currency)}${deal.closeDate ? ` · closes ${deal.closeDate}` : ''}`}
          />
        </ListItem>
      ))}
    </ListCard>
  );
}

export function TasksCard({ tasks }: { tasks: Task[] }) {
  return (
    <ListCard title="Tasks" empty={tasks.length === 0}>
      {tasks.map((task) => (
        <ListItem key={task.id} disableGutters>
          <ListItemText
            primary={task.title}
            secondary={`${task.done ? 'done' : 'open'}${task.dueAt ? ` · due ${formatDateTime(task.dueAt)}` : ''}${
              task.createdBy.kind === 'flow' ? ' · from a flow' : ''
            }`}
            sx={{ textDecoration: task.done ? 'line-through' : undefined }}
          />
        </ListItem>
      ))}
    </ListCard>
  );
}
