import { useEffect, useState, type ChangeEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import {
  IMPORT_FIELDS,
  importProgressOf,
  type Import,
  type ImportCounts,
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type LiveEvent,
} from '@cadenza/core';
import { errorMessage, useMeQuery } from '../api/cadenza-api';
import { useLiveRecords } from '../crm-shared/use-live-records';
import {
  importApi,
  useGetImportQuery,
  useImportDispatch,
  useImportErrorsQuery,
  useListImportsQuery,
  usePreviewImportMutation,
  useStartImportMutation,
} from './import-api';
import { useDebounced } from '../deals/use-debounced';
import { applyPreset, assignColumn, detectPreset, PRESETS, type PresetName } from './import-presets';
import { formatDateTime } from '../format/plain-format';

const FIELD_LABELS: Record<ImportField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  title: 'Job title',
  companyName: 'Company',
  lifecycleStage: 'Lifecycle stage',
  leadStatus: 'Lead status',
  source: 'Source',
  timezone: 'Time zone',
  tags: 'Tags',
  score: 'Score',
};

interface ChosenFile {
  name: string;
  csv: string;
  preview: ImportPreview;
}

/**
 * CSV import: choose a file, check the column mapping (automatic, or a HubSpot/Salesforce
 * preset, or column by column), start, and watch the progress bar fill live; rejected rows
 * are listed with their line and reason. The import being watched is in the URL (?id=), so
 * a reload keeps watching it.
 */
export function ImportPage() {
  const me = useMeQuery();
  const [params, setParams] = useSearchParams();
  const watching = params.get('id');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [preset, setPreset] = useState<PresetName | 'auto'>('auto');
  const [preview, previewState] = usePreviewImportMutation();
  const [start, startState] = useStartImportMutation();
  useLiveImports(me.data?.tenant.id, watching);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    const csv = await chosen.text();
    const result = await preview({ csv });
    if (!('data' in result) || !result.data) return;
    setFile({ name: chosen.name, csv, preview: result.data });
    setMapping(result.data.mapping);
    setPreset('auto');
  };

  const choosePreset = (value: PresetName | 'auto' | null) => {
    if (!value || !file) return;
    setPreset(value);
    setMapping(value === 'auto' ? file.preview.mapping : applyPreset(file.preview.columns, value));
  };

  const begin = async () => {
    if (!file) return;
    const result = await start({ csv: file.csv, mapping, fileName: file.name });
    if ('data' in result && result.data) {
      setFile(null);
      setParams({ id: result.data.id });
    }
  };

  const detected = file ? detectPreset(file.preview.columns) : null;
  const hasEmail = Object.values(mapping).includes('email');

  return (
    <Box sx={{ p: 3, maxWidth: 1100 }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        Import contacts
      </Typography>
      <Paper variant="outlined" sx={{ p: 2, mb: 3 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          <Button variant="contained" component="label">
            Choose a CSV file
            <input hidden type="file" accept=".csv,text/csv" data-testid="csv-file" onChange={(e) => void choose(e)} />
          </Button>
          {file && (
            <Typography>
              {file.name}: {file.preview.rows} rows, {file.preview.columns.length} columns
            </Typography>
          )}
          {detected && <Chip color="info" size="small" label={`Looks like a ${PRESETS[detected].label} export`} />}
        </Box>
        {previewState.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errorMessage(previewState.error)}
          </Alert>
        )}
        {file && (
          <MappingEditor
            file={file}
            mapping={mapping}
            preset={preset}
            onPreset={choosePreset}
            onAssign={(header, field) => setMapping((m) => assignColumn(m, header, field))}
          />
        )}
        {file && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 2 }}>
            <Button variant="contained" disabled={!hasEmail || startState.isLoading} onClick={() => void begin()}>
              Start import
            </Button>
            {!hasEmail && <Typography color="error">Map one column to Email: contacts are matched on it.</Typography>}
            {startState.error && <Alert severity="error">{errorMessage(startState.error)}</Alert>}
          </Box>
        )}
      </Paper>
      {watching && <ImportProgressPanel id={watching} />}
      <RecentImports current={watching} onWatch={(id) => setParams({ id })} />
    </Box>
  );
}

function MappingEditor(props: {
  file: ChosenFile;
  mapping: ImportMapping;
  preset: PresetName | 'auto';
  onPreset: (preset: PresetName | 'auto' | null) => void;
  onAssign: (header: string, field: ImportField | null) => void;
}) {
  const { file, mapping, preset, onPreset, onAssign } = props;
  return (
    <Box sx={{ mt: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="subtitle2">Column mapping</Typography>
        <ToggleButtonGroup size="small" exclusive value={preset} onChange={(_e, value) => onPreset(value)}>
          <ToggleButton value="auto">Automatic</ToggleButton>
          <ToggleButton value="hubspot">HubSpot</ToggleButton>
          <ToggleButton value="salesforce">Salesforce</ToggleButton>
        </ToggleButtonGroup>
      </Box>
      <Table size="small" aria-label="column mapping">
        <TableHead>
          <TableRow>
            <TableCell>Column</TableCell>
            <TableCell>First values</TableCell>
            <TableCell>Contact field</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {file.preview.columns.map((header) => (
            <TableRow key={header}>
              <TableCell>{header}</TableCell>
              <TableCell sx={{ color: 'text.secondary', maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {file.preview.sample
                  .map((row) => row[header])
                  .filter(Boolean)
                  .slice(0, 3)
                  .join(', ')}
              </TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  value={mapping[header] ?? ''}
                  onChange={(e) => onAssign(header, (e.target.value || null) as ImportField | null)}
                  slotProps={{
                    htmlInput: { 'aria-label': `field for ${header}` },
                    select: {
                      displayEmpty: true,
                      renderValue: (value) => (value ? FIELD_LABELS[value as ImportField] : 'Ignore'),
                    },
                  }}
                  sx={{ minWidth: 200 }}
                >
                  <MenuItem value="">
                    <em>Ignore</em>
                  </MenuItem>
                  {IMPORT_FIELDS.map((field) => (
                    <MenuItem key={field} value={field}>
                      {FIELD_LABELS[field]}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

const STATUS_COLOR = { running: 'info', completed: 'success', failed: 'error' } as const;

function ImportProgressPanel({ id }: { id: string }) {
  const imported = useGetImportQuery(id);
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  useEffect(() => setCursors([undefined]), [id]);
  if (imported.error) return <Alert severity="error">{errorMessage(imported.error)}</Alert>;
  if (!imported.data) return <LinearProgress />;
  const { counts, status, fileName } = imported.data;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 3 }} aria-label="import progress" role="region">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="subtitle1">{fileName ?? 'Import'}</Typography>
        <Chip size="small" color={STATUS_COLOR[status]} label={status} data-testid="import-status" />
      </Box>
      <LinearProgress
        variant="determinate"
        value={Math.round(imported.data.progress * 100)}
        aria-label="rows processed"
        sx={{ height: 10, borderRadius: 1, mb: 1 }}
      />
      <Typography data-testid="import-counts">
        {counts.done} of {counts.total} rows · {counts.created} created · {counts.updated} updated · {counts.failed}{' '}
        rejected
      </Typography>
      {counts.failed > 0 && (
        <Box sx={{ mt: 2, overflowX: 'auto' }}>
          <Typography variant="subtitle2">Rejected rows</Typography>
          <Table size="small" aria-label="rejected rows">
            <TableHead>
              <TableRow>
                <TableCell>Line</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell>Email</TableCell>
                <TableCell>Row</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {cursors.map((cursor, i) => (
                <RejectedRowsPage
                  key={cursor ?? 'first'}
                  id={id}
                  cursor={cursor}
                  last={i === cursors.length - 1}
                  onMore={(next) => setCursors((list) => [...list, next])}
                />
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Paper>
  );
}

function RejectedRowsPage(props: { id: string; cursor?: string; last: boolean; onMore: (cursor: string) => void }) {
  const page = useImportErrorsQuery({ id: props.id, cursor: props.cursor });
  if (!page.data) return null;
  const next = page.data.nextCursor;
  return (
    <>
      {page.data.items.map((row) => (
        <TableRow key={row.line} data-testid={`rejected-line-${row.line}`}>
          <TableCell>{row.line}</TableCell>
          <TableCell sx={{ maxWidth: 420, overflowWrap: 'anywhere' }}>{row.reason}</TableCell>
          <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.email ?? '—'}</TableCell>
          <TableCell sx={{ color: 'text.secondary', maxWidth: 280, overflowWrap: 'anywhere' }}>
            {Object.values(row.row).filter(Boolean).join(', ')}
          </TableCell>
        </TableRow>
      ))}
      {props.last && next && (
        <TableRow>
          <TableCell colSpan={4}>
            <Button size="small" onClick={() => props.onMore(next)}>
              Show more rejected rows
            </Button>
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

function RecentImports({ current, onWatch }: { current: string | null; onWatch: (id: string) => void }) {
  const imports = useListImportsQuery();
  if (!imports.data?.length) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        Recent imports
      </Typography>
      <Table size="small" aria-label="recent imports">
        <TableBody>
          {imports.data.map((item: Import) => (
            <TableRow key={item.id} hover selected={item.id === current} onClick={() => onWatch(item.id)}>
              <TableCell>{item.fileName ?? item.id}</TableCell>
              <TableCell>{formatDateTime(item.createdAt)}</TableCell>
              <TableCell>
                <Chip size="small" color={STATUS_COLOR[item.status]} label={item.status} />
              </TableCell>
              <TableCell sx={{ width: 200 }}>
                <LinearProgress variant="determinate" value={Math.round(item.progress * 100)} />
              </TableCell>
              <TableCell>
                {item.counts.created + item.counts.updated} imported, {item.counts.failed} rejected
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/**
 * Import events carry the counts, so the watched import's bar moves straight from the event;
 * the completion (and any event, debounced) refetches the lists and the rejected rows.
 */
function useLiveImports(tenantId: string | undefined, watching: string | null) {
  const dispatch = useImportDispatch();
  const refetch = useDebounced(
    (id?: string) =>
      dispatch(
        importApi.util.invalidateTags([
          'Import',
          ...(id
            ? [
                { type: 'Import' as const, id },
                { type: 'ImportErrors' as const, id },
              ]
            : []),
        ]),
      ),
    150,
  );
  useLiveRecords(tenantId ? [`tenant:${tenantId}`] : [], {
    onEvent: (event: LiveEvent) => {
      if (event.subject !== 'import') return;
      if (event.subjectId === watching) {
        const payload = event.payload as Partial<ImportCounts> & { status?: Import['status'] };
        dispatch(
          importApi.util.updateQueryData('getImport', event.subjectId, (draft) => {
            const counts = { ...draft.counts };
            for (const key of ['total', 'done', 'created', 'updated', 'failed'] as const) {
              if (typeof payload[key] === 'number') counts[key] = payload[key];
            }
            draft.counts = counts;
            draft.progress = importProgressOf(counts);
            if (payload.status) draft.status = payload.status;
          }),
        );
      }
      refetch(event.subjectId);
    },
    onResync: (reason) => {
      if (reason !== 'resumed') refetch(watching ?? undefined);
    },
  });
}
