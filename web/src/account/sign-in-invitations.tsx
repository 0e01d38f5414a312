import { Alert, Button, Stack, Typography } from '@mui/material';
import { apiErrorOf } from '../api/cadenza-api';
import { ROLE_LABEL } from '../settings/role-label';
import type { Role } from '@cadenza/core';

export type SignInInvitation = { id: string; tenantName: string; role: Role };

/** The invitations a `no_workspace` sign-in answer lists (sent only after a right password). */
export function invitationsOfSignInError(error: unknown): SignInInvitation[] {
  const apiError = apiErrorOf(error);
  if (apiError?.code !== 'no_workspace') return [];
  const invitations = (apiError.details as { invitations?: SignInInvitation[] } | undefined)?.invitations;
  return Array.isArray(invitations) ? invitations : [];
}

/** An account with no workspace yet says yes to one invitation and signs in to it. */
export function SignInInvitations({
  invitations,
  onAccept,
  busy,
}: {
  invitations: SignInInvitation[];
  onAccept: (id: string) => void;
  busy: boolean;
}) {
  return (
    <Alert severity="info">
      <Typography variant="body2" gutterBottom>
        Your account belongs to no workspace yet. You have been invited to:
      </Typography>
      <Stack spacing={1}>
        {invitations.map((invitation) => (
          <Stack key={invitation.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" sx={{ flex: 1 }}>
              {invitation.tenantName} — {ROLE_LABEL[invitation.role]}
            </Typography>
            <Button
              size="small"
              variant="contained"
              disabled={busy}
              onClick={() => onAccept(invitation.id)}
              aria-label={`accept ${invitation.tenantName} and sign in`}
            >
              Accept and sign in
            </Button>
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}
