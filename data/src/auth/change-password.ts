import type { DataSource } from 'typeorm';
import {
  DEFAULT_SIGN_IN_THROTTLE,
  InvalidTotpError,
  WrongCurrentPasswordError,
  type ChangePasswordRequest,
  type SignInThrottlePolicy,
} from '@cadenza/core';
import { appendDomainEvents } from '../events';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords';
import type { ResolvedSession } from './sessions';
import { claimPasswordCheck, clearPasswordChecks, recordTotpStep } from './sign-in-attempts';
import { checkClaimedTotp } from './sign-in';
import { hashSessionToken } from './session-tokens';

export interface ChangePasswordOptions {
  secretKey: Buffer | null;
  deviceToken: string | null;
  throttle?: SignInThrottlePolicy;
}

/**
 * A signed-in user sets a new password. The current password (and TOTP code when on) is
 * checked under the same counting and delay as sign-in, so a stolen session cannot be used
 * to guess it faster. Afterwards every other session of the user ends and other browsers
 * lose their trusted-device standing (whoever knew the old password may hold one); each
 * workspace of the user records the change.
 */
export async function changeOwnPassword(
  db: DataSource,
  session: Pick<ResolvedSession, 'userId' | 'sessionId'>,
  input: ChangePasswordRequest,
  options: ChangePasswordOptions,
): Promise<void> {
  const claim = await claimPasswordCheck(
    db,
    { userId: session.userId },
    options.deviceToken,
    options.throttle ?? DEFAULT_SIGN_IN_THROTTLE,
  );
  if (!claim) {
    await burnPasswordCheck(input.currentPassword);
    throw new WrongCurrentPasswordError();
  }
  if (!(await verifyPassword(claim.passwordHash, input.currentPassword))) throw new WrongCurrentPasswordError();
  const totpStep = await checkClaimedTotp(claim, input.totp, options.secretKey, 400);
  const newHash = await hashPassword(input.newPassword);
  await db.transaction(async (manager) => {
    if (totpStep !== null && !(await recordTotpStep(manager, session.userId, totpStep))) {
      throw new InvalidTotpError(400);
    }
    await clearPasswordChecks(manager, claim);
    await manager.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [session.userId, newHash]);
    await manager.query(`DELETE FROM sessions WHERE user_id = $1 AND id <> $2`, [session.userId, session.sessionId]);
    await manager.query(`DELETE FROM sign_in_devices WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`, [
      session.userId,
      options.deviceToken ? hashSessionToken(options.deviceToken) : null,
    ]);
    const tenants = (await manager.query(`SELECT tenant_id FROM memberships WHERE user_id = $1`, [
      session.userId,
    ])) as Array<{ tenant_id: string }>;
    for (const { tenant_id } of tenants) {
      await appendDomainEvents(manager, tenant_id, [
        {
          type: 'user.password_changed',
          subject: 'user',
          subjectId: session.userId,
          actor: { kind: 'user', id: session.userId },
        },
      ]);
    }
  });
}
