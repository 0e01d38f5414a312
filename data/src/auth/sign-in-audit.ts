import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/record-audit';

/** Which check a failed sign-in did not pass. Never the password or the code tried. */
export type SignInFailureReason = 'invalid_credentials' | 'totp_required' | 'totp_invalid' | 'rate_limited';

/** A sign-in or sign-out of a user, in the workspace of the session. */
export async function recordSessionAudit(
  db: DataSource,
  action: 'sign_in' | 'sign_out',
  session: { userId: string; tenantId: string },
  clientAddress: string | null,
): Promise<void> {
  await recordAudit(
    db,
    { tenantId: session.tenantId, actor: { kind: 'user', id: session.userId }, clientAddress },
    { action, entity: 'user', entityId: session.userId, before: null, after: null },
  );
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
