import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ChangePasswordRequestSchema, type ChangePasswordRequest } from '@cadenza/core';
import { ChangePasswordForm, passwordFormProblem } from './change-password-form';
import { InvitationsList } from './invitations-list';
import { SignInInvitations, invitationsOfSignInError } from './sign-in-invitations';

afterEach(cleanup);

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });

describe('change password form', () => {
  it('checks length and confirmation before sending anything', () => {
    const form = { currentPassword: 'old', newPassword: 'short', confirm: 'short', totp: '' };
    expect(passwordFormProblem(form, false)).toMatch(/12 to 200/);
    expect(passwordFormProblem({ ...form, newPassword: 'long enough pw', confirm: 'long enough pX' }, false)).toMatch(
      /differ/,
    );
    expect(passwordFormProblem({ ...form, newPassword: 'long enough pw', confirm: 'long enough pw' }, true)).toMatch(
      /6-digit/,
    );
  });

  it('sends what the API schema accepts, with the code when two-factor is on, and says other sessions ended', async () => {
    const submit = vi.fn((_body: ChangePasswordRequest) => Promise.resolve({}));
    render(<ChangePasswordForm totpEnabled submit={submit} />);
    type('Current password', 'the old one');
    type('New password *', 'a much longer new one');
    type('New password again', 'a much longer new one');
    type('Authenticator code', ' 123456 ');
    fireEvent.submit(screen.getByRole('form', { name: 'change password' }));
    await waitFor(() => expect(screen.getByText(/other sessions have been signed out/)).toBeTruthy());
    const body = submit.mock.calls[0]![0];
    expect(body).toEqual({ currentPassword: 'the old one', newPassword: 'a much longer new one', totp: '123456' });
    expect(ChangePasswordRequestSchema.safeParse(body).success).toBe(true);
  });

  it('shows the local problem and does not send; shows the API refusal when it comes', async () => {
    const submit = vi.fn(() =>
      Promise.resolve({
        error: { status: 400, data: { code: 'wrong_current_password', message: 'the current password is wrong' } },
      }),
    );
    render(<ChangePasswordForm totpEnabled={false} submit={submit} />);
    expect(screen.queryByLabelText('Authenticator code', { exact: false })).toBeNull();
    type('Current password', 'x');
    type('New password *', 'a much longer new one');
    type('New password again', 'something else entirely');
    fireEvent.submit(screen.getByRole('form', { name: 'change password' }));
    await waitFor(() => expect(screen.getByText('The two new passwords differ.')).toBeTruthy());
    expect(submit).not.toHaveBeenCalled();

    type('New password again', 'a much longer new one');
    fireEvent.submit(screen.getByRole('form', { name: 'change password' }));
    await waitFor(() => expect(screen.getByText('the current password is wrong')).toBeTruthy());
    expect(submit).toHaveBeenCalledTimes(1);
  });
});

describe('invitations list', () => {
  const invitation = {
    id: 'inv-1',
    tenantId: 't-1',
    tenantName: 'Acme Sales',
    role: 'sales_rep' as const,
    createdAt: '2026-12-01T10:00:00.000Z',
    expiresAt: '2026-12-15T10:00:00.000Z',
  };

  it('names the workspace and role, and answers through accept or decline', () => {
    const onAccept = vi.fn();
    const onDecline = vi.fn();
    render(<InvitationsList invitations={[invitation]} onAccept={onAccept} onDecline={onDecline} />);
    expect(screen.getByText('Acme Sales — Sales rep')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'accept Acme Sales' }));
    expect(onAccept).toHaveBeenCalledWith('inv-1');
    fireEvent.click(screen.getByRole('button', { name: 'decline Acme Sales' }));
    expect(onDecline).toHaveBeenCalledWith('inv-1');
  });

  it('says so when nothing is waiting', () => {
    render(<InvitationsList invitations={[]} onAccept={vi.fn()} onDecline={vi.fn()} />);
    expect(screen.getByText('No invitations are waiting for you.')).toBeTruthy();
  });
});

describe('invitations at sign-in', () => {
  const error = {
    status: 403,
    data: {
      code: 'no_workspace',
      message: 'this account belongs to no workspace yet: accept an invitation to sign in',
      details: { invitations: [{ id: 'inv-9', tenantName: 'Beta Ops', role: 'ops' }] },
    },
  };

  it('reads the invitations of a no_workspace answer and nothing from other errors', () => {
    expect(invitationsOfSignInError(error)).toEqual([{ id: 'inv-9', tenantName: 'Beta Ops', role: 'ops' }]);
    expect(invitationsOfSignInError({ status: 401, data: { code: 'invalid_credentials', message: 'x' } })).toEqual([]);
    expect(invitationsOfSignInError(undefined)).toEqual([]);
  });

  it('accepts one and signs in with it', () => {
    const onAccept = vi.fn();
    render(<SignInInvitations invitations={invitationsOfSignInError(error)} onAccept={onAccept} busy={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'accept Beta Ops and sign in' }));
    expect(onAccept).toHaveBeenCalledWith('inv-9');
  });
});
