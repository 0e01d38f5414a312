import type { DataSource } from 'typeorm';
import {
  AccountLockedError,
  DEFAULT_LOCKOUT_POLICY,
  ForbiddenError,
  InvalidCredentialsError,
  InvalidTotpError,
  SecretKeyMissingError,
  TotpRequiredError,
  afterFailedSignIn,
  afterSuccessfulSignIn,
  lockRemainingSeconds,
  type LockoutPolicy,
  type LockoutState,
  type LoginRequest,
  type Role,
  type SessionView,
} from '@cadenza/core';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { decryptSecret } from './secret-box';
import { createSession, describeSession, type NewSession } from './sessions';
import { verifyTotp } from './totp';

export interface SignInOptions {
  sessionTtlMs: number;
  /** Decrypts TOTP secrets; null when the server has none (then TOTP accounts cannot sign in). */
  secretKey: Buffer | null;
  lockout?: LockoutPolicy;
  now?: () => Date;
}

interface UserRow {
  id: string;
  password_hash: string;
  totp_enabled: boolean;
  totp_secret_encrypted: string | null;
  totp_last_step: string | null;
  failed_login_count: number;
  locked_until: Date | null;
}

type Outcome = { ok: true; session: NewSession; view: SessionView } | { ok: false; error: Error };

/**
 * Email + password (+ TOTP) sign-in. The user row is locked for the attempt, so concurrent
 * guesses are counted one by one; a failure is committed (it must count) and thrown after.
 */
export async function signIn(
  db: DataSource,
  request: LoginRequest,
  options: SignInOptions,
): Promise<{ session: NewSession; view: SessionView }> {
  const policy = options.lockout ?? DEFAULT_LOCKOUT_POLICY;
  const now = options.now?.() ?? new Date();
  const outcome = await db.transaction(async (manager): Promise<Outcome> => {
    const [user] = (await manager.query(
      `SELECT id, password_hash, totp_enabled, totp_secret_encrypted, totp_last_step, failed_login_count, locked_until
         FROM users WHERE email = $1 FOR UPDATE`,
      [request.email],
    )) as UserRow[];
    if (!user) {
      await burnPasswordCheck(request.password);
      return { ok: false, error: new InvalidCredentialsError() };
    }
    const state: LockoutState = { failedCount: user.failed_login_count, lockedUntil: user.locked_until };
    const remaining = lockRemainingSeconds(state, now);
    if (remaining > 0) return { ok: false, error: new AccountLockedError(remaining) };

    const fail = async (error: Error): Promise<Outcome> => {
      const next = afterFailedSignIn(state, now, policy);
      await manager.query(`UPDATE users SET failed_login_count = $2, locked_until = $3 WHERE id = $1`, [
        user.id,
        next.failedCount,
        next.lockedUntil,
      ]);
      return { ok: false, error };
    };

    if (!(await verifyPassword(user.password_hash, request.password))) return fail(new InvalidCredentialsError());

    let totpStep: number | null = user.totp_last_step === null ? null : Number(user.totp_last_step);
    if (user.totp_enabled) {
      if (!request.totp) return { ok: false, error: new TotpRequiredError() };
      if (!options.secretKey || !user.totp_secret_encrypted) return { ok: false, error: new SecretKeyMissingError() };
      const secret = decryptSecret(options.secretKey, user.totp_secret_encrypted);
      const check = await verifyTotp(secret, request.totp, totpStep);
      if (!check.valid) return fail(new InvalidTotpError());
      totpStep = check.step;
    }

    const [membership] = (await manager.query(
      `SELECT tenant_id, role FROM memberships WHERE user_id = $1 AND ($2::uuid IS NULL OR tenant_id = $2::uuid)
        ORDER BY created_at LIMIT 1`,
      [user.id, request.tenantId ?? null],
    )) as Array<{ tenant_id: string; role: Role }>;
    if (!membership) {
      return {
        ok: false,
        error: new ForbiddenError(
          request.tenantId
            ? `this account is not a member of workspace ${request.tenantId}`
            : 'this account belongs to no workspace; ask an admin to invite you',
        ),
      };
    }

    const cleared = afterSuccessfulSignIn();
    await manager.query(
      `UPDATE users SET failed_login_count = $2, locked_until = $3, totp_last_step = $4 WHERE id = $1`,
      [user.id, cleared.failedCount, cleared.lockedUntil, totpStep],
    );
    const session = await createSession(manager, {
      userId: user.id,
      tenantId: membership.tenant_id,
      ttlMs: options.sessionTtlMs,
    });
    const view = await describeSession(manager, {
      userId: user.id,
      tenantId: membership.tenant_id,
      role: membership.role,
      csrfToken: session.csrfToken,
    });
    return { ok: true, session, view };
  });
  if (!outcome.ok) throw outcome.error;
  return { session: outcome.session, view: outcome.view };
}
