import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import {
  Alert,
  Box,
  Button,
  Chip,
  Container,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { errorMessage, useCreateFlowMutation, useListFlowsQuery, useMeQuery } from '../api/cadenza-api';
import { can } from '@cadenza/core';
import { emptyDefinition } from '../designer/flow-graph';
import { formatDateTime } from '../format/plain-format';

const STATUS_COLORS = { draft: 'default', active: 'success', paused: 'warning', archived: 'default' } as const;

/** Flows with status, version, active runs and last edit; a new flow opens in the designer. */
export function FlowListPage() {
  const flows = useListFlowsQuery();
  const me = useMeQuery();
  // Offered only to those who may make one (marketers and admins), never offered and then refused.
  const canCreate = me.data ? can(me.data.role, 'flows:manage') : false;
  const [create, creating] = useCreateFlowMutation();
  const [name, setName] = useState('');
  const navigate = useNavigate();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const flow = await create({ name, kind: 'sequence', draft: emptyDefinition() })
      .unwrap()
      .catch(() => undefined);
    if (flow) navigate(`/flows/${flow.id}`);
  };
  return (
    <Container maxWidth="lg" sx={{ py: 3 }}>
      <Typography variant="h4" component="h1" gutterBottom>
        Flows
      </Typography>
      {canCreate && (
        <Stack component="form" direction="row" spacing={1} sx={{ mb: 2 }} onSubmit={submit} aria-label="create flow">
          <TextField
            size="small"
            id="new-flow-name"
            label="New flow name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <Button type="submit" variant="contained" disabled={creating.isLoading}>
            Create flow
          </Button>
        </Stack>
      )}
      {creating.error && <Alert severity="error">{errorMessage(creating.error)}</Alert>}
      {flows.error && <Alert severity="error">{errorMessage(flows.error)}</Alert>}
      {flows.isLoading && <Typography color="text.secondary">Loading flows…</Typography>}
      {flows.data?.length === 0 && (
        <Typography color="text.secondary">
          {canCreate ? 'No flows yet: name one above to start.' : 'No flows yet: marketers build them.'}
        </Typography>
      )}
      {flows.data && flows.data.length > 0 && (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="flows">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Version</TableCell>
                <TableCell align="right">Active runs</TableCell>
                <TableCell>Last edited</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {flows.data.map((flow) => (
                <TableRow key={flow.id} hover>
                  <TableCell>
                    <Link component={RouterLink} to={`/flows/${flow.id}`}>
                      {flow.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <Chip size="small" label={flow.status} color={STATUS_COLORS[flow.status]} />
                  </TableCell>
                  <TableCell>{flow.latestVersion ? `v${flow.latestVersion}` : '—'}</TableCell>
                  <TableCell align="right">{flow.activeRuns}</TableCell>
                  <TableCell>{formatDateTime(flow.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Container>
  );
}
