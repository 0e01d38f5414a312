import type { EntityManager } from 'typeorm';
import { hashSessionToken, newSessionToken } from './session-tokens';

/** How long a browser stays trusted for an account after a successful sign-in. */
export const SIGN_IN_DEVICE_TTL_MS = 180 * 24 * 3_600_000;

/** Browsers remembered per account; the oldest beyond this is forgotten (private windows add one each). */
export const SIGN_IN_DEVICES_PER_USER = 20;

/**
 * Remembers this browser as one that signed in to the account (a new random token for the
 * device cookie) and sweeps the account's expired and oldest devices, so the table stays small.
 */
export async function issueSignInDevice(manager: EntityManager, userId: string): Promise<string> {
  const token = newSessionToken();
  await manager.query(
    `DELETE FROM sign_in_devices WHERE user_id = $1 AND (expires_at <= now() OR token_hash NOT IN (
       SELECT token_hash FROM sign_in_devices WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2))`,
    [userId, SIGN_IN_DEVICES_PER_USER - 1],
  );
  await manager.query(`INSERT INTO sign_in_devices (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [
    hashSessionToken(token),
    userId,
    new Date(Date.now() + SIGN_IN_DEVICE_TTL_MS),
  ]);
  return token;
}

/** The locked device row of this cookie token for this account, or null (unknown, expired, other account). */
export async function lockSignInDevice(
  manager: EntityManager,
  userId: string,
  token: string,
): Promise<{ tokenHash: string; failedCount: number } | null> {
  const [row] = (await manager.query(
    `SELECT token_hash, failed_count FROM sign_in_devices
      WHERE token_hash = $1 AND user_id = $2 AND expires_at > now() FOR UPDATE`,
    [hashSessionToken(token), userId],
  )) as Array<{ token_hash: string; failed_count: number }>;
  return row ? { tokenHash: row.token_hash, failedCount: row.failed_count } : null;
}
