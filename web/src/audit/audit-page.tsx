import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { AUDIT_ACTIONS, AUDITED_ENTITIES } from '@cadenza/core';
import { useWorkspaceMembersQuery } from '../contacts/contacts-api';
import { useListAuditInfiniteQuery } from './audit-api';
import { AuditEntryRow } from './audit-entry-row';
import { EMPTY_AUDIT_FILTER, auditExportHref, type AuditFilterForm } from './audit-filter';

/**
 * The audit trail for admins and ops: who did what, when and from where, filtered by actor,
 * action, record kind and days; newest first, a page at a time; the same filters export as CSV.
 */
export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const list = useListAuditInfiniteQuery(filter);
  const members = useWorkspaceMembersQuery();
  const names = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m.name])), [members.data]);
  const entries = list.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (key: keyof AuditFilterForm) => (event: { target: { value: string } }) =>
    setFilter((was) => ({ ...was, [key]: event.target.value }));

  return (
    <Box sx={{ p: 3 }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 2, gap: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          Audit trail
        </Typography>
        <Button variant="outlined" size="small" component="a" href={auditExportHref(filter)} download>
          Export CSV
        </Button>
      </Stack>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2, mb: 2 }} component="form" aria-label="audit filters">
        <TextField
          select
          size="small"
          label="Who"
          value={filter.actorId}
          onChange={set('actorId')}
          sx={{ minWidth: 180 }}
        >
          <MenuItem value="">Anyone</MenuItem>
          {(members.data ?? []).map((member) => (
            <MenuItem key={member.id} value={member.id}>
              {member.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Action"
          value={filter.action}
          onChange={set('action')}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="">Any action</MenuItem>
          {AUDIT_ACTIONS.map((action) => (
            <MenuItem key={action} value={action}>
              {action.replaceAll('_', ' ')}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Record"
          value={filter.entity}
          onChange={set('entity')}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="">Any record</MenuItem>
          {AUDITED_ENTITIES.map((entity) => (
            <MenuItem key={entity} value={entity}>
              {entity.replaceAll('_', ' ')}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          type="date"
          size="small"
          label="Since"
          value={filter.since}
          onChange={set('since')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          type="date"
          size="small"
          label="Until"
          value={filter.until}
          onChange={set('until')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Stack>
      {list.isError && <Alert severity="error">The audit trail could not be loaded.</Alert>}
      <Table size="small" aria-label="audit entries">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Who</TableCell>
            <TableCell>From</TableCell>
            <TableCell>What</TableCell>
            <TableCell>Change</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((entry) => (
            <AuditEntryRow key={entry.id} entry={entry} names={names} />
          ))}
        </TableBody>
      </Table>
      {!list.isFetching && entries.length === 0 && (
        <Typography sx={{ mt: 2 }} color="text.secondary">
          No entries match these filters.
        </Typography>
      )}
      {list.hasNextPage && (
        <Button sx={{ mt: 2 }} onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </Box>
  );
}
