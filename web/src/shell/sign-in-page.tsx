import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { apiErrorOf, errorMessage, useLoginMutation } from '../api/cadenza-api';
import { invitationsOfSignInError, SignInInvitations } from '../account/sign-in-invitations';

/** Email and password; a TOTP field appears when the API says the account needs one. */
export function SignInPage() {
  const [login, { isLoading, error }] = useLoginMutation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const needsTotp = ['totp_required', 'totp_invalid'].includes(apiErrorOf(error)?.code ?? '') || totp !== '';

  const invitations = invitationsOfSignInError(error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void login({ email, password, ...(totp ? { totp } : {}) });
  };
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'grey.50', p: 2 }}>
      <Card sx={{ width: '100%', maxWidth: 400 }} component="form" onSubmit={submit} aria-label="sign in">
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="h5" component="h1">
              Sign in to Cadenza
            </Typography>
            {error && apiErrorOf(error)?.code !== 'totp_required' && invitations.length === 0 && (
              <Alert severity="error">{errorMessage(error)}</Alert>
            )}
            {invitations.length > 0 && (
              <SignInInvitations
                invitations={invitations}
                busy={isLoading}
                onAccept={(id) => void login({ email, password, ...(totp ? { totp } : {}), acceptInvitationId: id })}
              />
            )}
            {apiErrorOf(error)?.code === 'totp_required' && (
              <Alert severity="info">Enter the code from your authenticator app.</Alert>
            )}
            <TextField
              id="email"
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <TextField
              id="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            {needsTotp && (
              <TextField
                id="totp"
                label="Authentication code"
                autoComplete="one-time-code"
                slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]{6}' } }}
                value={totp}
                onChange={(e) => setTotp(e.target.value.trim())}
                autoFocus
              />
            )}
            <Button type="submit" variant="contained" disabled={isLoading}>
              Sign in
            </Button>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
