import { Box, Divider, Paper, Typography } from '@mui/material';
import { useMeQuery } from '../api/cadenza-api';
import { RequestError } from '../settings/section-feedback';
import {
  useAcceptInvitationMutation,
  useChangePasswordMutation,
  useDeclineInvitationMutation,
  useMyInvitationsQuery,
} from './account-api';
import { ChangePasswordForm } from './change-password-form';
import { InvitationsList } from './invitations-list';

/** The signed-in person's own account, for every role: password and invitations. */
export function AccountPage() {
  const session = useMeQuery().data;
  const invitations = useMyInvitationsQuery();
  const [accept, acceptState] = useAcceptInvitationMutation();
  const [decline, declineState] = useDeclineInvitationMutation();
  const [changePassword] = useChangePasswordMutation();
  if (!session) return null;
  return (
    <Box sx={{ p: 3 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        Account
      </Typography>
      <Typography color="text.secondary" gutterBottom>
        {session.user.email}
      </Typography>
      <Paper variant="outlined" sx={{ p: 2, mt: 1 }}>
        <InvitationsList
          invitations={invitations.data}
          busy={acceptState.isLoading || declineState.isLoading}
          onAccept={(id) => void accept(id)}
          onDecline={(id) => void decline(id)}
        />
        <RequestError error={invitations.error ?? acceptState.error ?? declineState.error} />
        <Divider sx={{ my: 2 }} />
        <ChangePasswordForm totpEnabled={session.user.totpEnabled} submit={(body) => changePassword(body)} />
      </Paper>
    </Box>
  );
}
