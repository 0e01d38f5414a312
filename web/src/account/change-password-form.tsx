import { useState } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { NewPasswordSchema, type ChangePasswordRequest } from '@cadenza/core';
import { RequestError } from '../settings/section-feedback';

const EMPTY = { currentPassword: '', newPassword: '', confirm: '', totp: '' };

/** What is wrong with the form before anything is sent, or null; the API checks the same rules again. */
export function passwordFormProblem(form: typeof EMPTY, totpEnabled: boolean): string | null {
  if (!NewPasswordSchema.safeParse(form.newPassword).success) return 'The new password needs 12 to 200 characters.';
  if (form.newPassword !== form.confirm) return 'The two new passwords differ.';
  if (totpEnabled && !/^\d{6}$/.test(form.totp.trim())) return 'Enter the 6-digit code from your authenticator app.';
  return null;
}

/**
 * Change one's own password: the current one, the new one twice, and the authenticator code
 * when two-factor sign-in is on. `submit` answers `{ error }` when the API refused.
 */
export function ChangePasswordForm({
  totpEnabled,
  submit,
}: {
  totpEnabled: boolean;
  submit: (body: ChangePasswordRequest) => Promise<{ error?: unknown }>;
}) {
  const [form, setForm] = useState(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const [apiError, setApiError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));
  return (
    <Box
      component="form"
      aria-label="change password"
      onSubmit={async (event) => {
        event.preventDefault();
        setDone(false);
        setApiError(null);
        const found = passwordFormProblem(form, totpEnabled);
        setProblem(found);
        if (found) return;
        setBusy(true);
        const result = await submit({
          currentPassword: form.currentPassword,
          newPassword: form.newPassword,
          ...(totpEnabled ? { totp: form.totp.trim() } : {}),
        });
        setBusy(false);
        if (result.error) setApiError(result.error);
        else {
          setForm(EMPTY);
          setDone(true);
        }
      }}
    >
      <Typography variant="h6" component="h2" gutterBottom>
        Change password
      </Typography>
      <Stack spacing={1.5} sx={{ maxWidth: 360 }}>
        <TextField
          size="small"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={form.currentPassword}
          onChange={set('currentPassword')}
        />
        <TextField
          size="small"
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          value={form.newPassword}
          onChange={set('newPassword')}
          helperText="12 characters or more"
        />
        <TextField
          size="small"
          label="New password again"
          type="password"
          autoComplete="new-password"
          required
          value={form.confirm}
          onChange={set('confirm')}
        />
        {totpEnabled && (
          <TextField
            size="small"
            label="Authenticator code"
            autoComplete="one-time-code"
            required
            value={form.totp}
            onChange={set('totp')}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        )}
        <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: 'flex-start' }}>
          Change password
        </Button>
      </Stack>
      {problem && (
        <Alert severity="error" sx={{ my: 1 }}>
          {problem}
        </Alert>
      )}
      <RequestError error={apiError} />
      {done && (
        <Alert severity="success" sx={{ my: 1 }}>
          Password changed. Your other sessions have been signed out.
        </Alert>
      )}
    </Box>
  );
}
