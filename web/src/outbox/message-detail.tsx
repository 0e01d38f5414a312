import { useMemo, useState } from 'react';
import { Alert, Box, Button, Chip, Paper, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { can, type MessageView, type Role } from '@cadenza/core';
import { errorMessage } from '../api/cadenza-api';
import { useGetOutboxMessageQuery, useGetOutboxRawQuery, useSimulateReplyMutation } from './outbox-api';
import { STATUS_COLOR, canSimulateReply, simulatedReplyOutcome } from './message-format';
import { formatDateTime } from '../format/plain-format';
import { useGetPlatformFeaturesQuery } from '../api/platform-api';
import { safePreviewHtml } from './safe-preview-html';
import { sampleReplies, type SampleReply } from './sample-replies';

type View = 'rendered' | 'text' | 'raw';

/**
 * One message: its HTML rendered in a sandboxed iframe (no scripts, no same-origin access,
 * so a hostile email cannot touch the app), its text, its RFC 5322 source, and for a sent
 * email a reply the local sink feeds through the real reply intake.
 */
export function MessageDetail({ id, role }: { id: string; role: Role }) {
  const message = useGetOutboxMessageQuery(id);
  const [view, setView] = useState<View>('rendered');
  const raw = useGetOutboxRawQuery(id, { skip: view !== 'raw' });
  const features = useGetPlatformFeaturesQuery();
  if (message.isLoading) return <Typography sx={{ p: 2 }}>Loading message…</Typography>;
  if (message.error || !message.data) return <Alert severity="error">{errorMessage(message.error)}</Alert>;
  const m = message.data;
  const views: View[] = m.html ? ['rendered', 'text', 'raw'] : ['text'];
  const current = views.includes(view) ? view : views[0]!;
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5, minHeight: 0 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" sx={{ flex: 1 }} aria-label="message subject">
          {m.subject ?? `${m.channel.toUpperCase()} to ${m.to}`}
        </Typography>
        <Chip size="small" label={m.status} color={STATUS_COLOR[m.status]} data-testid="message-status" />
      </Stack>
      <Box
        component="dl"
        sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.25 }}
      >
        {(
          [
            ['From', m.from ?? '—'],
            ...(m.sender ? [['Sender', senderLabel(m.sender)]] : []),
            ['To', m.to],
            ['Channel', `${m.channel} via ${m.provider}`],
            ['Sent', formatDateTime(m.sentAt)],
            ['Opened', formatDateTime(m.openedAt)],
            ['Clicked', formatDateTime(m.clickedAt)],
            ['Replied', formatDateTime(m.repliedAt)],
            ...(m.statusReason ? [['Reason', m.statusReason]] : []),
          ] as Array<[string, string]>
        ).map(([label, value]) => (
          <Box key={label} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
      {views.length > 1 && (
        <Tabs value={current} onChange={(_e, next: View) => setView(next)} aria-label="message views">
          <Tab value="rendered" label="Rendered" />
          <Tab value="text" label="Text" />
          <Tab value="raw" label="Raw source" />
        </Tabs>
      )}
      {current === 'rendered' && <RenderedHtml html={m.html ?? ''} />}
      {current === 'text' && (
        <Box component="pre" sx={{ whiteSpace: 'pre-wrap', m: 0, fontFamily: 'inherit' }} aria-label="message text">
          {m.text ?? ''}
        </Box>
      )}
      {current === 'raw' && (
        <Box
          component="pre"
          aria-label="raw source"
          sx={{ m: 0, p: 1, maxHeight: 360, overflow: 'auto', bgcolor: 'grey.100', fontSize: 12 }}
        >
          {raw.isLoading ? 'Loading…' : raw.error ? errorMessage(raw.error) : raw.data}
        </Box>
      )}
      {canSimulateReply(m, features.data) && can(role, 'replies:simulate') && <ReplyForm id={m.id} to={m.to} />}
    </Paper>
  );
}

/** The HTML in a sandboxed frame: no scripts, no same-origin access, no remote loads or link follows (see safePreviewHtml). */
function RenderedHtml({ html }: { html: string }) {
  const preview = useMemo(() => safePreviewHtml(html), [html]);
  return (
    <>
      {preview.blockedImages > 0 && (
        <Typography variant="caption" color="text.secondary">
          {preview.blockedImages} remote image(s) not loaded, so viewing here does not count as an open.
        </Typography>
      )}
      <Box
        component="iframe"
        title="rendered message"
        sandbox=""
        srcDoc={preview.html}
        sx={{ width: '100%', height: 360, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'white' }}
      />
    </>
  );
}

function ReplyForm({ id, to }: { id: string; to: string }) {
  const samples = useMemo(() => sampleReplies(new Date()), []);
  const [chosen, setChosen] = useState<SampleReply>(samples[0]!);
  const [text, setText] = useState(chosen.text);
  const [reply, state] = useSimulateReplyMutation();
  const automatic = chosen.automatic && text === chosen.text;
  return (
    <Box
      component="form"
      aria-label="simulate reply"
      onSubmit={(event) => {
        event.preventDefault();
        void reply({ id, text, automatic });
      }}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1, borderTop: 1, borderColor: 'divider', pt: 1.5 }}
    >
      <Typography variant="subtitle2">Simulate a reply from {to}</Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }} role="group" aria-label="sample replies">
        {samples.map((sample) => (
          <Chip
            key={sample.label}
            label={sample.label}
            size="small"
            clickable
            color={sample === chosen ? 'primary' : 'default'}
            aria-pressed={sample === chosen}
            onClick={() => {
              setChosen(sample);
              setText(sample.text);
            }}
          />
        ))}
      </Stack>
      <TextField
        label="Reply text"
        multiline
        minRows={2}
        size="small"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button type="submit" variant="contained" disabled={state.isLoading || !text.trim()}>
          {automatic ? 'Simulate automatic reply' : 'Simulate reply'}
        </Button>
        {state.data && (
          <Alert severity="success" sx={{ py: 0 }}>
            {simulatedReplyOutcome(state.data)}
          </Alert>
        )}
        {state.error && (
          <Alert severity="error" sx={{ py: 0 }}>
            {errorMessage(state.error)}
          </Alert>
        )}
      </Stack>
    </Box>
  );
}

const SENDER_SOURCE_LABELS = {
  workspace: 'workspace default',
  owner: "contact owner's mailbox",
  mailbox: 'chosen mailbox',
  pool: 'rotation pool',
  thread: 'same mailbox as the email it answers',
} as const;

/** How the sending mailbox was chosen, and why it fell back if it did. */
function senderLabel(sender: NonNullable<MessageView['sender']>): string {
  const how = SENDER_SOURCE_LABELS[sender.source];
  return sender.fallback ? `${how} (fell back: ${sender.fallback})` : how;
}
