import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_SIGN_IN_THROTTLE,
  TRUSTED_DEVICE_MAX_FAILURES,
  claimAttempt,
  isThrottled,
  type SignInThrottlePolicy,
} from '@cadenza/core';
import { queryRows } from '../crm/crm-write';
import { lockSignInDevice } from './sign-in-devices';

/** The account a password check was claimed on, and what the check needs. */
export interface ClaimedAccount {
  userId: string;
  passwordHash: string;
  totpEnabled: boolean;
  totpSecretEncrypted: string | null;
  totpLastStep: number | null;
  /** Set when the attempt came through a trusted device: its counter, not the account's, was charged. */
  deviceTokenHash: string | null;
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

/**
 * Claims one password (or TOTP) check on an account, counting it as a failure up front in
 * a short transaction, so the slow argon2 verify runs with no row lock and no connection
 * held, and parallel guesses are each counted. Returns null when there is nothing to check:
 * no such account, or the account is in its progressive delay for this (untrusted) client.
 * The caller answers both exactly like a wrong password.
 */
export async function claimPasswordCheck(
  db: DataSource,
  who: { email: string } | { userId: string },
  deviceToken: string | null,
  policy: SignInThrottlePolicy = DEFAULT_SIGN_IN_THROTTLE,
  now: Date = new Date(),
): Promise<ClaimedAccount | null> {
  return db.transaction(async (manager) => {
    const [user] = (await manager.query(
      `SELECT id, password_hash, totp_enabled, totp_secret_encrypted, totp_last_step, failed_login_count, locked_until
         FROM users WHERE ${'email' in who ? 'email' : 'id'} = $1 FOR UPDATE`,
      ['email' in who ? who.email : who.userId],
    )) as UserRow[];
    if (!user) return null;
    const claimed = (deviceTokenHash: string | null): ClaimedAccount => ({
      userId: user.id,
      passwordHash: user.password_hash,
      totpEnabled: user.totp_enabled,
      totpSecretEncrypted: user.totp_secret_encrypted,
      totpLastStep: user.totp_last_step === null ? null : Number(user.totp_last_step),
      deviceTokenHash,
    });

    const device = deviceToken ? await lockSignInDevice(manager, user.id, deviceToken) : null;
    if (device && device.failedCount < TRUSTED_DEVICE_MAX_FAILURES) {
      await manager.query(`UPDATE sign_in_devices SET failed_count = failed_count + 1 WHERE token_hash = $1`, [
        device.tokenHash,
      ]);
      return claimed(device.tokenHash);
    }

    const state = { failedCount: user.failed_login_count, notBefore: user.locked_until };
    if (isThrottled(state, now)) return null;
    const next = claimAttempt(state, now, policy);
    await manager.query(`UPDATE users SET failed_login_count = $2, locked_until = $3 WHERE id = $1`, [
      user.id,
      next.failedCount,
      next.notBefore,
    ]);
    return claimed(null);
  });
}

/**
 * A check passed: the counter it was charged to starts over. A success through a trusted
 * device leaves the account's counter alone, so an attacker's count (and delay) stands.
 */
export async function clearPasswordChecks(manager: EntityManager, claim: ClaimedAccount): Promise<void> {
  if (claim.deviceTokenHash) {
    await manager.query(`UPDATE sign_in_devices SET failed_count = 0 WHERE token_hash = $1`, [claim.deviceTokenHash]);
  } else {
    await manager.query(`UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1`, [claim.userId]);
  }
}

/**
 * Records a TOTP step as used, only if it is newer than the last one: two requests racing
 * with the same code cannot both pass (the check itself runs outside any row lock).
 */
export async function recordTotpStep(manager: EntityManager, userId: string, step: number): Promise<boolean> {
  const rows = await queryRows(
    manager,
    `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)
     RETURNING id`,
    [userId, step],
  );
  return rows.length > 0;
}

/**
 * Runs a code check on a signed-in account (confirming or turning off TOTP) under the same
 * counting and delay as passwords: without it a stolen session could try all million codes.
 * A throttled attempt gets `refused()`, the same error as a wrong code.
 */
export async function throttledCodeCheck<T>(
  db: DataSource,
  userId: string,
  deviceToken: string | null,
  policy: SignInThrottlePolicy,
  check: () => Promise<T>,
  refused: () => Error,
): Promise<T> {
  const claim = await claimPasswordCheck(db, { userId }, deviceToken, policy);
  if (!claim) throw refused();
  const result = await check(); // a wrong code throws here and stays counted
  await db.transaction((manager) => clearPasswordChecks(manager, claim));
  return result;
}
