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
import { AuditEntryRow, readableWord } from './audit-entry-row';
import { EMPTY_AUDIT_FILTER, auditExportHref, type AuditFilterForm } from './audit-filter';

/** A code word as a drop-down's value and label. */
const spoken = (word: string) => [word, readableWord(word)] as const;

/** One filter's drop-down: "any" first, then each value with its label. */
function FilterSelect(props: {
  label: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  any: string;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  return (
    <TextField
      select
      size="small"
      label={props.label}
      value={props.value}
      onChange={props.onChange}
      sx={{ minWidth: 170 }}
    >
      <MenuItem value="">{props.any}</MenuItem>
      {props.options.map(([value, label]) => (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  );
}

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
        <FilterSelect
          label="Who"
          value={filter.actorId}
          onChange={set('actorId')}
          any="Anyone"
          options={(members.data ?? []).map((member) => [member.id, member.name] as const)}
        />
        <FilterSelect
          label="Action"
          value={filter.action}
          onChange={set('action')}
          any="Any action"
          options={AUDIT_ACTIONS.map(spoken)}
        />
        <FilterSelect
          label="Record"
          value={filter.entity}
          onChange={set('entity')}
          any="Any record"
          options={AUDITED_ENTITIES.map(spoken)}
        />
        {(['since', 'until'] as const).map((key) => (
          <TextField
            key={key}
            type="date"
            size="small"
            label={key === 'since' ? 'Since' : 'Until'}
            value={filter[key]}
            onChange={set(key)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        ))}
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
