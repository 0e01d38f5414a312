import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  Box,
  Card,
  CardContent,
  MenuItem,
  Stack,
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
import { can, type AbConversionMetric, type FlowFunnel } from '@cadenza/core';
import { errorMessage, useListFlowsQuery, useMeQuery } from '../api/cadenza-api';
import { AbSplitCard } from './ab-split-card';
import { useFlowAbTestsQuery, useFlowFunnelQuery, useRepActivityQuery, type RangeArgs } from './analytics-api';
import { browserTimeZone, lastDays } from './analytics-range';
import { DailyChart } from './daily-chart';
import { FunnelChart } from './funnel-chart';
import { RepActivityTable } from './rep-activity-table';
import { useLiveAnalytics } from './use-live-analytics';

const PRESETS = [7, 30, 90] as const;

/** Per-flow funnel and A/B results, and what each rep did, over a range of days; live. */
export function AnalyticsPage() {
  const role = useMeQuery().data?.role;
  const flows = useListFlowsQuery();
  const [params, setParams] = useSearchParams();
  const [range, setRange] = useState<RangeArgs>(() => ({ ...lastDays(30), timezone: browserTimeZone() }));
  const [preset, setPreset] = useState<number | null>(30);
  const flowId = params.get('flow') ?? flows.data?.[0]?.id ?? '';
  useLiveAnalytics(flowId);
  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          Analytics
        </Typography>
        <TextField
          select
          size="small"
          label="Flow"
          value={flows.data?.some((flow) => flow.id === flowId) ? flowId : ''}
          onChange={(event) => setParams({ flow: event.target.value })}
          sx={{ minWidth: 240 }}
          slotProps={{ htmlInput: { 'aria-label': 'flow' } }}
        >
          {flows.data?.map((flow) => (
            <MenuItem key={flow.id} value={flow.id}>
              {flow.name}
            </MenuItem>
          ))}
        </TextField>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={preset}
          aria-label="range"
          onChange={(_e, days: number | null) => {
            if (!days) return;
            setPreset(days);
            setRange((current) => ({ ...current, ...lastDays(days) }));
          }}
        >
          {PRESETS.map((days) => (
            <ToggleButton key={days} value={days}>
              {days} days
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {(['from', 'to'] as const).map((end) => (
          <TextField
            key={end}
            type="date"
            size="small"
            label={end === 'from' ? 'From' : 'To'}
            value={range[end]}
            onChange={(event) => {
              setPreset(null);
              setRange((current) => ({ ...current, [end]: event.target.value }));
            }}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        ))}
      </Stack>
      {flows.data?.length === 0 && <Alert severity="info">No flows yet: build one in the designer first.</Alert>}
      {flowId && <FlowReports flowId={flowId} range={range} />}
      {role && can(role, 'audit:read') && <RepActivityCard range={range} />}
    </Box>
  );
}

function FlowReports({ flowId, range }: { flowId: string; range: RangeArgs }) {
  const funnel = useFlowFunnelQuery({ flowId, ...range });
  const [metric, setMetric] = useState<AbConversionMetric>('replied');
  const abTests = useFlowAbTestsQuery({ flowId, metric, ...range });
  if (funnel.error) return <Alert severity="error">{errorMessage(funnel.error)}</Alert>;
  if (!funnel.data) return <Typography>Loading…</Typography>;
  const data = funnel.data;
  return (
    <>
      <Box sx={{ display: 'grid', gridTemplateColumns: { lg: '1fr 1fr' }, gap: 2 }}>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" gutterBottom>
              Funnel
            </Typography>
            <FunnelChart totals={data.totals} />
            <UnenrollReasons funnel={data} />
          </CardContent>
        </Card>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" gutterBottom>
              Per day ({data.timezone})
            </Typography>
            <DailyChart daily={data.daily} />
          </CardContent>
        </Card>
      </Box>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" gutterBottom>
            Per step
          </Typography>
          <StepTable funnel={data} />
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="h6" sx={{ flex: 1 }}>
              A/B splits
            </Typography>
            <TextField
              select
              size="small"
              label="Converts on"
              value={metric}
              onChange={(event) => setMetric(event.target.value as AbConversionMetric)}
            >
              <MenuItem value="replied">Reply</MenuItem>
              <MenuItem value="clicked">Click</MenuItem>
              <MenuItem value="opened">Open</MenuItem>
              <MenuItem value="goal">Goal reached</MenuItem>
            </TextField>
          </Stack>
          {abTests.error && <Alert severity="error">{errorMessage(abTests.error)}</Alert>}
          {abTests.data?.splits.length === 0 && (
            <Typography color="text.secondary">This flow has no A/B split.</Typography>
          )}
          <Stack spacing={1.5}>
            {abTests.data?.splits.map((split) => (
              <AbSplitCard key={split.nodeId} split={split} alpha={abTests.data!.alpha} />
            ))}
          </Stack>
        </CardContent>
      </Card>
    </>
  );
}

function UnenrollReasons({ funnel }: { funnel: FlowFunnel }) {
  if (funnel.unenrolledByReason.length === 0) return null;
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} aria-label="unenrolled by reason">
      Unenrolled {funnel.totals.unenrolled}:{' '}
      {funnel.unenrolledByReason.map((entry) => `${entry.reason.replace(/_/g, ' ')} ${entry.count}`).join(' · ')}
    </Typography>
  );
}

const STEP_COLUMNS = [
  'entered',
  'completed',
  'failed',
  'waiting',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'goalReached',
] as const;

function StepTable({ funnel }: { funnel: FlowFunnel }) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="steps">
        <TableHead>
          <TableRow>
            <TableCell>Step</TableCell>
            {STEP_COLUMNS.map((column) => (
              <TableCell key={column} align="right">
                {column === 'goalReached' ? 'goal' : column}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {funnel.steps.map((step) => (
            <TableRow key={step.nodeId}>
              <TableCell>
                {step.label ?? step.nodeId}{' '}
                <Typography component="span" variant="caption" color="text.secondary">
                  {step.nodeType}
                </Typography>
              </TableCell>
              {STEP_COLUMNS.map((column) => (
                <TableCell key={column} align="right">
                  {step[column] || '·'}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function RepActivityCard({ range }: { range: RangeArgs }) {
  const report = useRepActivityQuery(range);
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Rep activity
        </Typography>
        {report.error && <Alert severity="error">{errorMessage(report.error)}</Alert>}
        {report.data && <RepActivityTable reps={report.data.reps} />}
      </CardContent>
    </Card>
  );
}
