import { useEffect, useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import {
  Alert,
  Box,
  Checkbox,
  Chip,
  Link,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Paper,
  Tab,
  Tabs,
  Typography,
} from '@mui/material';
import { can, type Task } from '@cadenza/core';
import { errorMessage, useMeQuery } from '../api/cadenza-api';
import { useLiveRecords } from '../crm-shared/use-live-records';
import { ErrorSnackbar } from '../deals/error-snackbar';
import { useDebounced } from '../deals/use-debounced';
import { dueLabel, dueState, sortTasks, type DueState } from './task-due';
import { tasksApi, useMyTasksQuery, useSetTaskDoneMutation, useTasksDispatch } from './tasks-api';
import { formatDateTime } from '../format/plain-format';

const DUE_COLOR: Record<DueState, 'error' | 'warning' | 'default' | 'success'> = {
  overdue: 'error',
  today: 'warning',
  upcoming: 'default',
  undated: 'default',
  done: 'success',
};

/** The clock the list compares due dates with, ticking each minute so "overdue" appears on time. */
function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/**
 * My tasks: the signed-in user's open tasks, most urgent first with overdue ones marked,
 * and the done ones. Ticking a box marks it done at once; changes by anyone (a flow
 * creating a task, a colleague reassigning one) arrive live.
 */
export function TasksPage() {
  const me = useMeQuery();
  const userId = me.data?.user.id ?? '';
  const [tab, setTab] = useState<'open' | 'done'>('open');
  const open = useMyTasksQuery({ assigneeId: userId, done: false }, { skip: !userId });
  const done = useMyTasksQuery({ assigneeId: userId, done: true }, { skip: !userId });
  const [setDone] = useSetTaskDoneMutation();
  const [failure, setFailure] = useState<string | null>(null);
  const now = useNow();
  const canEdit = me.data ? can(me.data.role, 'tasks:write') : false;
  useLiveTasks(me.data?.tenant.id);

  const shown = tab === 'open' ? open : done;
  const tasks = useMemo(() => sortTasks(shown.data?.tasks ?? []), [shown.data]);
  const overdue = useMemo(
    () => (open.data?.tasks ?? []).filter((t) => dueState(t, now) === 'overdue').length,
    [open.data, now],
  );

  const toggle = (task: Task) =>
    setDone({ task, done: !task.done })
      .unwrap()
      .catch((error: unknown) => setFailure(`${task.title}: ${errorMessage(error)}`));

  return (
    <Box sx={{ p: 3, maxWidth: 960 }}>
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        My tasks
      </Typography>
      {overdue > 0 && (
        <Typography color="error" data-testid="overdue-count" sx={{ mb: 1 }}>
          {overdue} overdue
        </Typography>
      )}
      <Tabs value={tab} onChange={(_e, value: 'open' | 'done') => setTab(value)} sx={{ mb: 2 }}>
        <Tab value="open" label={`Open${open.data ? ` (${open.data.tasks.length})` : ''}`} />
        <Tab value="done" label="Done" />
      </Tabs>
      {shown.error && <Alert severity="error">{errorMessage(shown.error)}</Alert>}
      {shown.data?.truncated && tab === 'open' && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          Only the {tasks.length} most urgent open tasks are shown.
        </Alert>
      )}
      <Paper variant="outlined">
        {shown.isLoading && <Typography sx={{ p: 2 }}>Loading…</Typography>}
        {shown.data && tasks.length === 0 && (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {tab === 'open' ? 'Nothing to do.' : 'No task done yet.'}
          </Typography>
        )}
        <List aria-label={tab === 'open' ? 'open tasks' : 'done tasks'} disablePadding>
          {tasks.map((task) => (
            <TaskRow key={task.id} task={task} now={now} canEdit={canEdit} onToggle={toggle} />
          ))}
        </List>
      </Paper>
      <ErrorSnackbar message={failure} onClose={() => setFailure(null)} />
    </Box>
  );
}

function TaskRow(props: { task: Task; now: Date; canEdit: boolean; onToggle: (task: Task) => void }) {
  const { task, now, canEdit, onToggle } = props;
  const state = dueState(task, now);
  return (
    <ListItem
      divider
      data-testid={`task-${task.id}`}
      data-due-state={state}
      sx={{
        borderLeft: 4,
        borderLeftColor: state === 'overdue' ? 'error.main' : 'transparent',
        bgcolor: state === 'overdue' ? 'rgba(211, 47, 47, 0.06)' : undefined,
      }}
    >
      <ListItemIcon>
        <Checkbox
          edge="start"
          checked={task.done}
          disabled={!canEdit}
          onChange={() => onToggle(task)}
          slotProps={{ input: { 'aria-label': `${task.done ? 'Reopen' : 'Mark done'}: ${task.title}` } }}
        />
      </ListItemIcon>
      <ListItemText
        primary={task.title}
        slotProps={{
          primary: { sx: task.done ? { textDecoration: 'line-through', color: 'text.secondary' } : {} },
          secondary: { component: 'div' },
        }}
        secondary={
          <Box component="span" sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}>
            {task.dueAt && (
              <Chip
                size="small"
                color={DUE_COLOR[state]}
                variant={state === 'overdue' ? 'filled' : 'outlined'}
                label={task.done ? `was due ${formatDateTime(task.dueAt)}` : dueLabel(task.dueAt, now)}
                title={formatDateTime(task.dueAt)}
              />
            )}
            {task.createdBy.kind === 'flow' && <Chip size="small" variant="outlined" label="from a flow" />}
            {task.contactId && (
              <Link component={RouterLink} to={`/contacts/${task.contactId}`} variant="caption">
                contact
              </Link>
            )}
          </Box>
        }
      />
    </ListItem>
  );
}

/** Any task event refetches the lists (debounced): a new task, a reassignment, a tick elsewhere. */
function useLiveTasks(tenantId: string | undefined) {
  const dispatch = useTasksDispatch();
  const refetch = useDebounced(() => dispatch(tasksApi.util.invalidateTags(['MyTasks'])), 200);
  useLiveRecords(tenantId ? [`tenant:${tenantId}`] : [], {
    onEvent: (event) => {
      if (event.subject === 'task') refetch();
    },
    onResync: (reason) => {
      if (reason !== 'resumed') refetch();
    },
  });
}
