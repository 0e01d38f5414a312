import type { DataSource } from 'typeorm';
import type { Db } from '../crm/db';
import { recordAudit, type PendingAudit } from '../audit/record-audit';

/** Which check a failed sign-in did not pass. Never the password or the code tried. */
export type SignInFailureReason = 'invalid_credentials' | 'totp_required' | 'totp_invalid' | 'rate_limited';

/**
 * Something a user did to their own account (sign-in, sign-out, a new password, TOTP on or off),
 * recorded in the workspace of the session it was done from.
 */
export async function recordAccountAudit(
  db: Db,
  session: { userId: string; tenantId: string },
  entry: Pick<PendingAudit, 'action' | 'before' | 'after'>,
  clientAddress: string | null,
): Promise<void> {
  await recordAudit(
    db,
    { tenantId: session.tenantId, actor: { kind: 'user', id: session.userId }, clientAddress },
    { ...entry, entity: 'user', entityId: session.userId },
  );
}

/** The account changes a user makes to themselves, as audit before/after: never the password or the TOTP secret. */
export const ACCOUNT_CHANGES = {
  password: { action: 'update', before: { password: '(secret)' }, after: { password: '(replaced)' } },
  totpEnabled: { action: 'update', before: { totp: false }, after: { totp: true } },
  totpDisabled: { action: 'update', before: { totp: true }, after: { totp: false } },
  signIn: { action: 'sign_in', before: null, after: null },
  signOut: { action: 'sign_out', before: null, after: null },
} as const satisfies Record<string, Pick<PendingAudit, 'action' | 'before' | 'after'>>;

/**
 * A refused attempt costs the caller nothing (no password check), so a client hammering an account
 * would write a row per request: one lockout per account, address and minute is enough to see it.
 */
async function lockoutRecordedLately(
  db: DataSource,
  membership: { tenant_id: string; user_id: string },
  clientAddress: string | null,
): Promise<boolean> {
  const rows = (await db.query(
    `SELECT 1 FROM audit_log WHERE tenant_id = $1 AND entity = 'user' AND entity_id = $2
       AND action = 'sign_in_failed' AND after->>'reason' = 'rate_limited'
       AND client_address IS NOT DISTINCT FROM $3 AND at > now() - interval '1 minute' LIMIT 1`,
    [membership.tenant_id, membership.user_id, clientAddress],
  )) as unknown[];
  return rows.length > 0;
}

/**
 * A failed sign-in has no workspace: the audit log is per workspace, so the failure is
 * recorded under every workspace the tried email belongs to (its admins are the ones who
 * should see someone guessing at their colleague's account). An email that names no
 * account, or an account in no workspace, concerns no workspace and is not recorded here;
 * the per-address and per-account sign-in limits still count it. The actor is unknown (a
 * person, not yet identified), so its id is null; the email tried is kept, never the password.
 */
export async function recordSignInFailure(
  db: DataSource,
  attempt: { email: string; reason: SignInFailureReason; clientAddress: string | null },
): Promise<void> {
  const memberships = (await db.query(
    `SELECT m.tenant_id, u.id AS user_id FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = $1`,
    [attempt.email],
  )) as Array<{ tenant_id: string; user_id: string }>;
  for (const membership of memberships) {
    if (attempt.reason === 'rate_limited' && (await lockoutRecordedLately(db, membership, attempt.clientAddress)))
      continue;
    await recordAudit(
      db,
      { tenantId: membership.tenant_id, actor: { kind: 'user', id: null }, clientAddress: attempt.clientAddress },
      {
        action: 'sign_in_failed',
        entity: 'user',
        entityId: membership.user_id,
        before: null,
        after: { email: attempt.email, reason: attempt.reason },
      },
    );
  }
}
