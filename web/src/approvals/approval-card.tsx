import { useState } from 'react';
import { Alert, Box, Button, Card, CardActions, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { AGENT_TOOLS, isAgentToolName, type AgentDraft, type Approval } from '@cadenza/core';
import { formatDateTime } from '../format/plain-format';

export interface ApprovalCardProps {
  approval: Approval;
  /** False for roles that may read the inbox but not decide (ops). */
  canDecide: boolean;
  busy?: boolean;
  error?: string;
  /** An edited draft is sent instead of the agent's; undefined approves it as it is. */
  onApprove: (draft?: AgentDraft) => void;
  onReject: (reason?: string) => void;
}

const scoreOf = (context: Record<string, unknown>): string | null => {
  const score = context.score as { score?: unknown } | null | undefined;
  return typeof score?.score === 'number' ? `${score.score}/100` : null;
};

/** One agent draft: who it is for, what the chain found, the email, and the decision buttons. */
export function ApprovalCard({ approval, canDecide, busy = false, error, onApprove, onReject }: ApprovalCardProps) {
  const [mode, setMode] = useState<'view' | 'edit' | 'reject'>('view');
  const [draft, setDraft] = useState<AgentDraft>(approval.draft);
  const [reason, setReason] = useState('');
  const pending = approval.status === 'pending';
  const shown = approval.sent ?? approval.draft;
  const research = typeof approval.context.research === 'string' ? approval.context.research : null;
  const score = scoreOf(approval.context);
  const editedIsValid = draft.subject.trim().length > 0 && draft.body.trim().length > 0;
  const review = approval.review;
  // The API refuses to send a failing draft unchanged; the card says so before anyone tries.
  const failedChecks = review && !review.verdict.pass ? review.verdict.failures : null;
  // A tool call the agent asks to make: allowed (it runs once) or skipped, never edited.
  const toolCall = approval.toolCall;
  const toolLabel = toolCall && (isAgentToolName(toolCall.tool) ? AGENT_TOOLS[toolCall.tool].label : toolCall.tool);

  return (
    <Card variant="outlined" component="article" aria-label={`draft for ${approval.contact.name}`}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" component="h2" sx={{ flex: 1 }}>
            {approval.contact.name}
            {approval.contact.email && (
              <Typography component="span" color="text.secondary" sx={{ ml: 1 }}>
                {approval.contact.email}
              </Typography>
            )}
          </Typography>
          {approval.testMode && <Chip size="small" label="test run" />}
          {score && <Chip size="small" label={`score ${score}`} />}
          {review?.origin === 'template' && (
            <Chip size="small" variant="outlined" label="template" title="The model's drafts failed the checks" />
          )}
          {review && (
            <Chip
              size="small"
              color={failedChecks ? 'error' : 'success'}
              label={
                failedChecks
                  ? `failed ${failedChecks.length} check${failedChecks.length > 1 ? 's' : ''}`
                  : 'checks passed'
              }
            />
          )}
          <Chip size="small" label={approval.status} color={pending ? 'warning' : 'default'} />
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {approval.flow.name} · drafted {formatDateTime(approval.createdAt)}
          {pending && approval.expiresAt ? ` · times out ${formatDateTime(approval.expiresAt)}` : ''}
        </Typography>
        {research && (
          <Typography variant="body2" sx={{ mt: 1, fontStyle: 'italic' }}>
            {research}
          </Typography>
        )}
        {toolCall ? (
          <Box sx={{ mt: 2, p: 1.5, bgcolor: 'grey.100', borderRadius: 1 }} aria-label="proposed tool call">
            <Typography variant="subtitle2">The agent asks to run: {toolLabel}</Typography>
            <Box component="pre" sx={{ m: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
              {JSON.stringify(toolCall.input, null, 2)}
            </Box>
          </Box>
        ) : mode === 'edit' ? (
          <Stack spacing={1.5} sx={{ mt: 2 }}>
            <TextField
              label="Subject"
              size="small"
              value={draft.subject}
              onChange={(event) => setDraft({ ...draft, subject: event.target.value })}
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
            <TextField
              label="Body"
              multiline
              minRows={4}
              value={draft.body}
              onChange={(event) => setDraft({ ...draft, body: event.target.value })}
              slotProps={{ htmlInput: { maxLength: 5000 } }}
            />
          </Stack>
        ) : (
          <Box sx={{ mt: 2, p: 1.5, bgcolor: 'grey.100', borderRadius: 1 }}>
            <Typography variant="subtitle2">{shown.subject}</Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {shown.body}
            </Typography>
          </Box>
        )}
        {failedChecks && (
          <Alert severity="warning" sx={{ mt: 2 }} aria-label="quality checks">
            This draft failed the quality checks and can only be sent after an edit:
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {failedChecks.map((failure) => (
                <li key={failure.code}>{failure.message}</li>
              ))}
            </Box>
          </Alert>
        )}
        {mode === 'reject' && (
          <TextField
            sx={{ mt: 2 }}
            fullWidth
            size="small"
            label="Reason (optional)"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
        )}
        {approval.reason && (
          <Typography variant="body2" sx={{ mt: 1 }}>
            Reason: {approval.reason}
          </Typography>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </CardContent>
      {pending && canDecide && (
        <CardActions>
          {mode === 'view' && (
            <>
              <Button variant="contained" disabled={busy || Boolean(failedChecks)} onClick={() => onApprove()}>
                {toolCall ? 'Allow' : 'Approve and send'}
              </Button>
              {!toolCall && (
                <Button disabled={busy} onClick={() => setMode('edit')}>
                  Edit
                </Button>
              )}
              <Button color="error" disabled={busy} onClick={() => setMode('reject')}>
                {toolCall ? 'Skip' : 'Reject'}
              </Button>
            </>
          )}
          {mode === 'edit' && (
            <>
              <Button variant="contained" disabled={busy || !editedIsValid} onClick={() => onApprove(draft)}>
                Send edited draft
              </Button>
              <Button
                disabled={busy}
                onClick={() => {
                  setDraft(approval.draft);
                  setMode('view');
                }}
              >
                Cancel
              </Button>
            </>
          )}
          {mode === 'reject' && (
            <>
              <Button
                variant="contained"
                color="error"
                disabled={busy}
                onClick={() => onReject(reason.trim() || undefined)}
              >
                Confirm rejection
              </Button>
              <Button disabled={busy} onClick={() => setMode('view')}>
                Cancel
              </Button>
            </>
          )}
        </CardActions>
      )}
    </Card>
  );
}
