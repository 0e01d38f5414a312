import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';
import type { MailboxView } from '@cadenza/core';
import { errorMessage } from '../api/cadenza-api';
import {
  oauthCallbackBody,
  oauthStartBody,
  useFinishMailboxOAuthMutation,
  useMailboxOAuthProvidersQuery,
  useStartMailboxOAuthMutation,
} from './mailbox-oauth-api';
import { RequestError } from './section-feedback';

const LABELS = { gmail: 'Google', microsoft: 'Microsoft' } as const;

/** How a mailbox sends, for the list: SMTP host, SendGrid, or the connected provider. */
export function mailboxViaLabel(mailbox: MailboxView): string {
  if (mailbox.kind === 'smtp') return `SMTP ${mailbox.host}:${mailbox.port}`;
  if (mailbox.kind === 'sendgrid') return 'SendGrid';
  return mailbox.kind === 'gmail' ? 'Gmail API (OAuth)' : 'Microsoft 365 (OAuth)';
}

/** Sends the browser to the provider's consent page: a new mailbox, or the same one again (Reconnect). */
function useConnect() {
  const [start, state] = useStartMailboxOAuthMutation();
  const connect = async (kind: 'gmail' | 'microsoft', options: { mailboxId?: string; personal?: boolean } = {}) => {
    const result = await start(oauthStartBody(kind, options));
    if ('data' in result && result.data) window.location.assign(result.data.authorizeUrl);
  };
  return { connect, state };
}

/**
 * "Connect Google" / "Connect Microsoft", each only when the deployment configured that OAuth app.
 * Everyone connects: a non-admin's mailbox is always their own; an admin's is the workspace's
 * unless they tick "My own mailbox", as in the SMTP form.
 */
export function ConnectMailboxButtons({ admin }: { admin: boolean }) {
  const providers = useMailboxOAuthProvidersQuery();
  const { connect, state } = useConnect();
  const [personal, setPersonal] = useState(false);
  const kinds = (['gmail', 'microsoft'] as const).filter((kind) => providers.data?.[kind]);
  if (kinds.length === 0) return null;
  return (
    <Box>
      <Typography variant="subtitle2" gutterBottom>
        {admin ? 'Connect a mailbox by signing in' : 'Connect your own mailbox by signing in'}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        {kinds.map((kind) => (
          <Button
            key={kind}
            variant="outlined"
            disabled={state.isLoading}
            onClick={() => void connect(kind, { personal: admin && personal })}
          >
            Connect {LABELS[kind]}
          </Button>
        ))}
        {admin && (
          <FormControlLabel
            control={<Checkbox checked={personal} onChange={(e) => setPersonal(e.target.checked)} />}
            label="My own mailbox"
          />
        )}
      </Stack>
      <RequestError error={state.error} />
    </Box>
  );
}

/** Reconnect for a Gmail or Microsoft mailbox: the same sign-in, keeping the mailbox and where its sync stands. */
export function ReconnectMailboxButton({ mailbox }: { mailbox: MailboxView }) {
  const { connect, state } = useConnect();
  if (mailbox.kind !== 'gmail' && mailbox.kind !== 'microsoft') return null;
  const kind = mailbox.kind;
  return (
    <>
      <Button
        size="small"
        color={mailbox.sync.authFailedAt ? 'warning' : 'primary'}
        variant={mailbox.sync.authFailedAt ? 'contained' : 'text'}
        disabled={state.isLoading}
        onClick={() => void connect(kind, { mailboxId: mailbox.id })}
      >
        Reconnect
      </Button>
      {state.error ? <RequestError error={state.error} /> : null}
    </>
  );
}

/** Callbacks already handed to the API in this page load: React runs a mount effect twice in development. */
const handedOver = new Set<string>();

/**
 * The page the provider sends the browser back to: hands the state and code (or the refusal) to
 * the API with the person's own session, then goes to Settings → Mailboxes; a failure is shown
 * here in words, with the way back.
 */
export function MailboxOAuthCallbackPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [finish] = useFinishMailboxOAuthMutation();
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const body = oauthCallbackBody(search);
    if (!body.state) {
      setFailure(
        'This address is where Google or Microsoft sends you back after signing in; it has no sign-in to finish.',
      );
      return;
    }
    if (handedOver.has(body.state)) return;
    handedOver.add(body.state);
    void finish(body).then((result) => {
      if ('data' in result && result.data) navigate('/settings?tab=mailboxes', { replace: true });
      else setFailure(errorMessage(result.error));
    });
  }, [search, finish, navigate]);
  return (
    <Box sx={{ p: 3, maxWidth: 720 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        Connecting your mailbox
      </Typography>
      {failure ? (
        <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Alert severity="error" data-testid="mailbox-oauth-error">
            {failure}
          </Alert>
          <Button variant="contained" onClick={() => navigate('/settings?tab=mailboxes', { replace: true })}>
            Back to mailboxes
          </Button>
        </Stack>
      ) : (
        <Typography color="text.secondary">Finishing the sign-in…</Typography>
      )}
    </Box>
  );
}
