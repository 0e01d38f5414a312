import { AppError, UserError } from '../errors';

/**
 * Sign-in failures. Unknown email and wrong password share one error, so the answer never
 * tells an attacker which emails have accounts.
 */
export class InvalidCredentialsError extends UserError {
  constructor() {
    super('invalid_credentials', 'the email or password is wrong', undefined, 401);
  }
}

/** The password was right and the account has TOTP: ask for the code and try again. */
export class TotpRequiredError extends UserError {
  constructor(status = 401) {
    super(
      'totp_required',
      'this account uses two-factor sign-in: send the 6-digit code as totp',
      {
        field: 'body.totp',
      },
      status,
    );
  }
}

export class InvalidTotpError extends UserError {
  constructor(status = 401) {
    super('invalid_totp', 'the TOTP code is wrong, expired or already used', { field: 'body.totp' }, status);
  }
}

/**
 * Password hashing is at capacity (a bounded queue keeps argon2 from starving the API):
 * answered at once with Retry-After instead of queueing unbounded work.
 */
export class TryAgainError extends AppError {
  constructor(readonly retryAfterSeconds = 1) {
    super('try_again', 503, 'the server is busy checking passwords: try again in a moment', { retryAfterSeconds });
  }
}

/** Changing one's password needs the current one; a wrong one changes nothing. */
export class WrongCurrentPasswordError extends UserError {
  constructor() {
    super('wrong_current_password', 'the current password is wrong', { field: 'body.currentPassword' }, 400);
  }
}

/**
 * The password (and code) were right but the account belongs to no workspace. Sent only after
 * a correct sign-in, it lists the invitations the person may accept to get in.
 */
export class NoWorkspaceError extends UserError {
  constructor(invitations: Array<{ id: string; tenantName: string; role: string }>) {
    super(
      'no_workspace',
      invitations.length > 0
        ? 'this account belongs to no workspace yet: accept an invitation to sign in'
        : 'this account belongs to no workspace; ask an admin to invite you',
      { invitations },
      403,
    );
  }
}

/** The server was started without the key that encrypts TOTP secrets. */
export class SecretKeyMissingError extends AppError {
  constructor() {
    super(
      'secret_key_missing',
      503,
      'two-factor sign-in is unavailable: the server has no CADENZA_SECRET_KEY (32 bytes, hex or base64)',
    );
  }
}

/** A write sent with the session cookie but without the session's CSRF token. */
export class CsrfTokenError extends UserError {
  constructor() {
    super(
      'csrf_token_invalid',
      'missing or wrong X-CSRF-Token header: writes with a session need the csrfToken from sign-in or GET /auth/me',
      { field: 'header.x-csrf-token' },
      403,
    );
  }
}
