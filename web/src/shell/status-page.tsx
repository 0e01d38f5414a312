import { Alert, Box, Card, CardContent, Chip, Container, Link, Stack, Typography } from '@mui/material';
import { SERVICE_NAMES } from '@cadenza/core';
import { useReadiness } from '../use-readiness';

const SERVICE_LABELS = { temporal: 'Temporal', postgres: 'PostgreSQL', redis: 'Redis' } as const;

/** Platform status and where to go next (Temporal UI, API reference). */
export function StatusPage() {
  const { report, error } = useReadiness();
  return (
    <Box>
      <Container maxWidth="md" sx={{ py: 4 }}>
        <Typography variant="h4" gutterBottom>
          Durable CRM automation
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          Outreach sequences, CRM automations and AI agent chains, each run a Temporal workflow.
        </Typography>
        <Card variant="outlined" sx={{ mb: 3 }}>
          <CardContent>
            <Typography variant="h6" gutterBottom>
              Platform status
            </Typography>
            {error && <Alert severity="error">{error}</Alert>}
            {!report && !error && <Typography color="text.secondary">Checking services…</Typography>}
            {report && (
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} aria-label="service status">
                {SERVICE_NAMES.map((name) => {
                  const check = report.services[name];
                  return (
                    <Chip
                      key={name}
                      color={check?.ok ? 'success' : 'error'}
                      label={`${SERVICE_LABELS[name]}: ${check?.ok ? 'up' : 'down'}`}
                      title={check?.error ?? `${check?.latencyMs ?? '?'} ms`}
                    />
                  );
                })}
              </Stack>
            )}
          </CardContent>
        </Card>
        <Stack spacing={1}>
          <Link href="/api/docs">API reference</Link>
          <Link href={import.meta.env.VITE_TEMPORAL_UI_URL ?? 'http://localhost:8233'} target="_blank" rel="noreferrer">
            Temporal Web UI (runs, histories, search attributes)
          </Link>
        </Stack>
      </Container>
    </Box>
  );
}
