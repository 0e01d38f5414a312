import { Button, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import type { MyInvitationView } from '@cadenza/core';
import { ROLE_LABEL } from '../settings/role-label';
import { formatDate } from '../format/plain-format';

/** Invitations to other workspaces: nobody joins one without saying yes here. */
export function InvitationsList({
  invitations,
  onAccept,
  onDecline,
  busy = false,
}: {
  invitations: MyInvitationView[] | undefined;
  onAccept: (id: string) => void;
  onDecline: (id: string) => void;
  busy?: boolean;
}) {
  return (
    <section aria-label="invitations">
      <Typography variant="h6" component="h2" gutterBottom>
        Invitations
      </Typography>
      {invitations && invitations.length === 0 && (
        <Typography color="text.secondary">No invitations are waiting for you.</Typography>
      )}
      <List dense>
        {invitations?.map((invitation) => (
          <ListItem
            key={invitation.id}
            secondaryAction={
              <Stack direction="row" spacing={1}>
                <Button
                  size="small"
                  variant="contained"
                  disabled={busy}
                  onClick={() => onAccept(invitation.id)}
                  aria-label={`accept ${invitation.tenantName}`}
                >
                  Accept
                </Button>
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() => onDecline(invitation.id)}
                  aria-label={`decline ${invitation.tenantName}`}
                >
                  Decline
                </Button>
              </Stack>
            }
          >
            <ListItemText
              primary={`${invitation.tenantName} — ${ROLE_LABEL[invitation.role]}`}
              secondary={`invited ${formatDate(invitation.createdAt)}, open until ${formatDate(invitation.expiresAt)}`}
            />
          </ListItem>
        ))}
      </List>
    </section>
  );
}
