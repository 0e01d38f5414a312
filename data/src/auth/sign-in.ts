import type { DataSource } from 'typeorm';
import {
  DEFAULT_SIGN_IN_THROTTLE,
  ForbiddenError,
  InvalidCredentialsError,
  NoWorkspaceError,
  InvalidTotpError,
  SecretKeyMissingError,
  TotpRequiredError,
  type LoginRequest,
  type Role,
  type SessionView,
  type SignInThrottlePolicy,
} from '@cadenza/core';
import { acceptAccountCreatingInvitation, acceptInvitationIn, listMyInvitations } from './invitations';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { decryptSecret } from './secret-box';
import { createSession, describeSession, type NewSession } from './sessions';
import { issueSignInDevice } from './sign-in-devices';
import { claimPasswordCheck, clearPasswordChecks, recordTotpStep, type ClaimedAccount } from './sign-in-attempts';
import { verifyTotp } from './totp';
import { ACCOUNT_CHANGES, recordAccountAudit } from './sign-in-audit';

export interface SignInOptions {
  sessionTtlMs: number;
  /** Decrypts TOTP secrets; null when the server has none (then TOTP accounts cannot sign in). */
  secretKey: Buffer | null;
  throttle?: SignInThrottlePolicy;
  /** The device cookie this browser sent, if any. */
  deviceToken?: string | null;
  /** The client's address, for the audit entry of the sign-in. */
  clientAddress?: string | null;
  now?: () => Date;
}

/**
 * Checks the TOTP code of a claimed account whose password was right. Throws the error to
 * answer; returns the step to record (null when the account has no TOTP).
 */
export async function checkClaimedTotp(
  claim: ClaimedAccount,
  code: string | undefined,
  secretKey: Buffer | null,
  /** 401 at sign-in; 400 where a session exists already (a 401 there would read as signed out). */
  wrongCodeStatus = 401,
): Promise<number | null> {
  if (!claim.totpEnabled) return null;
  if (!code) throw new TotpRequiredError(wrongCodeStatus);
  if (!secretKey || !claim.totpSecretEncrypted) throw new SecretKeyMissingError();
  const check = await verifyTotp(decryptSecret(secretKey, claim.totpSecretEncrypted), code, claim.totpLastStep);
  if (!check.valid) throw new InvalidTotpError(wrongCodeStatus);
  return check.step;
}

/**
 * Email + password (+ TOTP) sign-in. The attempt is claimed (and counted as a failure) first;
 * an unknown email, an account in its delay and a wrong password all answer the same 401
 * after one argon2 verify each, so neither the answer nor its timing tells them apart.
 * Returns the device token for the device cookie: the one sent when it was trusted, else new.
 */
export async function signIn(
  db: DataSource,
  request: LoginRequest,
  options: SignInOptions,
): Promise<{ session: NewSession; view: SessionView; deviceToken: string }> {
  const now = options.now?.() ?? new Date();
  const deviceToken = options.deviceToken ?? null;
  const claim = await claimPasswordCheck(
    db,
    { email: request.email },
    deviceToken,
    options.throttle ?? DEFAULT_SIGN_IN_THROTTLE,
    now,
  );
  if (!claim) {
    await burnPasswordCheck(request.password);
    throw new InvalidCredentialsError();
  }
  if (!(await verifyPassword(claim.passwordHash, request.password))) throw new InvalidCredentialsError();
  // A wrong or missing code stays counted: the code is guessed under the same delay as the password.
  const totpStep = await checkClaimedTotp(claim, request.totp, options.secretKey);

  const outcome = await db.transaction(async (manager) => {
    if (totpStep !== null && !(await recordTotpStep(manager, claim.userId, totpStep))) {
      return { error: new InvalidTotpError() };
    }
    await clearPasswordChecks(manager, claim);
    // Saying yes to an invitation is part of this sign-in when the person asked for it by id.
    const accepted = request.acceptInvitationId
      ? await acceptInvitationIn(manager, claim.userId, request.acceptInvitationId, options.clientAddress ?? null)
      : null;
    const tenantId = request.tenantId ?? accepted?.tenantId ?? null;
    if (!tenantId) await acceptAccountCreatingInvitation(manager, claim.userId, options.clientAddress ?? null);
    const [membership] = (await manager.query(
      `SELECT tenant_id, role FROM memberships WHERE user_id = $1 AND ($2::uuid IS NULL OR tenant_id = $2::uuid)
        ORDER BY created_at LIMIT 1`,
      [claim.userId, tenantId],
    )) as Array<{ tenant_id: string; role: Role }>;
    if (!membership && tenantId) {
      return { error: new ForbiddenError(`this account is not a member of workspace ${tenantId}`) };
    }
    if (!membership) {
      const invitations = await listMyInvitations(manager, claim.userId);
      return {
        error: new NoWorkspaceError(invitations.map(({ id, tenantName, role }) => ({ id, tenantName, role }))),
      };
    }
    const session = await createSession(manager, {
      userId: claim.userId,
      tenantId: membership.tenant_id,
      ttlMs: options.sessionTtlMs,
    });
    await recordAccountAudit(
      manager,
      { userId: claim.userId, tenantId: membership.tenant_id },
      ACCOUNT_CHANGES.signIn,
      options.clientAddress ?? null,
    );
    const view = await describeSession(manager, {
      userId: claim.userId,
      tenantId: membership.tenant_id,
      role: membership.role,
      csrfToken: session.csrfToken,
    });
    const trustedToken =
      claim.deviceTokenHash && deviceToken ? deviceToken : await issueSignInDevice(manager, claim.userId);
    return { session, view, deviceToken: trustedToken };
  });
  // The counters are cleared even when the answer is an error: the password was right.
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
