import { useState } from 'react';
import { Alert, Box, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { can, type AgentDraft, type ApprovalStatus } from '@cadenza/core';
import { errorMessage, useMeQuery } from '../api/cadenza-api';
import { ApprovalCard } from './approval-card';
import { useApproveDraftMutation, useListApprovalsQuery, useRejectDraftMutation } from './approvals-api';
import { useLiveApprovals } from './use-live-approvals';

const STATUSES: ApprovalStatus[] = ['pending', 'approved', 'rejected', 'expired', 'cancelled'];

/** Drafts that AI agent chains wait on: approve, edit then approve, or reject; live across reviewers. */
export function ApprovalsPage() {
  const role = useMeQuery().data?.role;
  const [status, setStatus] = useState<ApprovalStatus>('pending');
  const approvals = useListApprovalsQuery(status);
  const [approve, approving] = useApproveDraftMutation();
  const [reject, rejecting] = useRejectDraftMutation();
  const [failed, setFailed] = useState<{ id: string; message: string } | null>(null);
  useLiveApprovals();
  const canDecide = role ? can(role, 'approvals:decide') : false;
  const busyId = approving.isLoading ? approving.originalArgs?.id : rejecting.originalArgs?.id;

  const decide = async (id: string, work: () => Promise<unknown>) => {
    setFailed(null);
    try {
      await work();
    } catch (error) {
      setFailed({ id, message: errorMessage(error) });
    }
  };

  return (
    <Box sx={{ p: 3, maxWidth: 900 }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          Approvals
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={status}
          onChange={(_e, next: ApprovalStatus | null) => next && setStatus(next)}
          aria-label="status"
        >
          {STATUSES.map((value) => (
            <ToggleButton key={value} value={value}>
              {value}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      {approvals.error && <Alert severity="error">{errorMessage(approvals.error)}</Alert>}
      {approvals.isLoading && <Typography>Loading…</Typography>}
      {approvals.data?.length === 0 && (
        <Typography color="text.secondary">
          {status === 'pending'
            ? 'Nothing waits for approval. Drafts appear here the moment an AI agent step writes one.'
            : `No ${status} drafts.`}
        </Typography>
      )}
      <Stack spacing={2}>
        {approvals.data?.map((approval) => (
          <ApprovalCard
            key={approval.id}
            approval={approval}
            canDecide={canDecide}
            busy={busyId === approval.id && (approving.isLoading || rejecting.isLoading)}
            error={failed?.id === approval.id ? failed.message : undefined}
            onApprove={(draft?: AgentDraft) =>
              void decide(approval.id, () => approve({ id: approval.id, ...(draft ? { draft } : {}) }).unwrap())
            }
            onReject={(reason?: string) =>
              void decide(approval.id, () => reject({ id: approval.id, ...(reason ? { reason } : {}) }).unwrap())
            }
          />
        ))}
      </Stack>
    </Box>
  );
}
