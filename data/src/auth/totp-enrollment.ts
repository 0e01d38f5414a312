import type { DataSource } from 'typeorm';
import { ConflictError, InvalidTotpError, SecretKeyMissingError, UserError, type TotpEnrollment } from '@cadenza/core';
import { decryptSecret, encryptSecret } from './secret-box';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

/**
 * Turning TOTP on takes two steps: enroll stores a new secret (encrypted) that is not yet
 * required; confirm proves the authenticator app has it, and only then is it enforced.
 */
function requireKey(key: Buffer | null): Buffer {
  if (!key) throw new SecretKeyMissingError();
  return key;
}

interface TotpRow {
  email: string;
  totp_enabled: boolean;
  totp_secret_encrypted: string | null;
  totp_last_step: string | null;
}

const lockUser = async (manager: DataSource['manager'], userId: string): Promise<TotpRow> => {
  const [row] = (await manager.query(
    `SELECT email, totp_enabled, totp_secret_encrypted, totp_last_step FROM users WHERE id = $1 FOR UPDATE`,
    [userId],
  )) as TotpRow[];
  if (!row) throw new Error(`user ${userId} has no row`);
  return row;
};

export async function startTotpEnrollment(db: DataSource, userId: string, key: Buffer | null): Promise<TotpEnrollment> {
  const secretKey = requireKey(key);
  return db.transaction(async (manager) => {
    const user = await lockUser(manager, userId);
    if (user.totp_enabled) throw new ConflictError('two-factor sign-in is already on; disable it first to re-enroll');
    const secret = newTotpSecret();
    await manager.query(`UPDATE users SET totp_secret_encrypted = $2, totp_last_step = NULL WHERE id = $1`, [
      userId,
      encryptSecret(secretKey, secret),
    ]);
    return { secret, otpauthUrl: totpUri(secret, user.email) };
  });
}

/** Checks a code against the stored secret and records its step; a failed check changes nothing. */
async function checkCode(
  manager: DataSource['manager'],
  userId: string,
  user: TotpRow,
  key: Buffer,
  code: string,
): Promise<number> {
  const secret = decryptSecret(key, user.totp_secret_encrypted!);
  const check = await verifyTotp(secret, code, user.totp_last_step === null ? null : Number(user.totp_last_step));
  if (!check.valid) throw new InvalidTotpError(400);
  await manager.query(`UPDATE users SET totp_last_step = $2 WHERE id = $1`, [userId, check.step]);
  return check.step;
}

export async function confirmTotpEnrollment(db: DataSource, userId: string, key: Buffer | null, code: string) {
  const secretKey = requireKey(key);
  await db.transaction(async (manager) => {
    const user = await lockUser(manager, userId);
    if (user.totp_enabled) throw new ConflictError('two-factor sign-in is already on');
    if (!user.totp_secret_encrypted) {
      throw new UserError('totp_not_enrolled', 'start with POST /auth/totp/enroll, then confirm a code');
    }
    await checkCode(manager, userId, user, secretKey, code);
    await manager.query(`UPDATE users SET totp_enabled = true WHERE id = $1`, [userId]);
  });
}

/** Turning TOTP off needs a current code, so a hijacked session alone cannot remove it. */
export async function disableTotp(db: DataSource, userId: string, key: Buffer | null, code: string) {
  const secretKey = requireKey(key);
  await db.transaction(async (manager) => {
    const user = await lockUser(manager, userId);
    if (!user.totp_enabled) throw new UserError('totp_not_enabled', 'two-factor sign-in is not on for this account');
    await checkCode(manager, userId, user, secretKey, code);
    await manager.query(
      `UPDATE users SET totp_enabled = false, totp_secret_encrypted = NULL, totp_last_step = NULL WHERE id = $1`,
      [userId],
    );
  });
}
