import type { DataSource, EntityManager } from 'typeorm';
import type { Role, SessionView } from '@cadenza/core';
import { hashSessionToken, newCsrfToken, newSessionToken } from './session-tokens';

/** A live session as the API sees it: who, in which workspace, with which role today. */
export interface ResolvedSession {
  sessionId: string;
  userId: string;
  tenantId: string;
  role: Role;
  csrfToken: string;
}

export interface NewSession {
  sessionId: string;
  /** Goes into the cookie; never stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  manager: EntityManager,
  input: { userId: string; tenantId: string; ttlMs: number },
): Promise<NewSession> {
  const token = newSessionToken();
  const csrfToken = newCsrfToken();
  const expiresAt = new Date(Date.now() + input.ttlMs);
  // Expired sessions of this user are swept here, so the table does not grow without bound.
  await manager.query(`DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()`, [input.userId]);
  const [row] = (await manager.query(
    `INSERT INTO sessions (token_hash, user_id, tenant_id, csrf_token, expires_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [hashSessionToken(token), input.userId, input.tenantId, csrfToken, expiresAt],
  )) as Array<{ id: string }>;
  return { sessionId: row!.id, token, csrfToken, expiresAt };
}

/**
 * The session behind a cookie token, or null when it is unknown or expired. The role is
 * read from the membership on every request, so a role change or a removal applies at once.
 */
export async function resolveSessionToken(db: DataSource, token: string): Promise<ResolvedSession | null> {
  const [row] = (await db.query(
    `SELECT s.id, s.user_id, s.tenant_id, s.csrf_token, m.role
       FROM sessions s
       JOIN memberships m ON m.tenant_id = s.tenant_id AND m.user_id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [hashSessionToken(token)],
  )) as Array<{ id: string; user_id: string; tenant_id: string; csrf_token: string; role: Role }>;
  return row
    ? { sessionId: row.id, userId: row.user_id, tenantId: row.tenant_id, role: row.role, csrfToken: row.csrf_token }
    : null;
}

/** Ends a session; says whose it was (null when there was none), for the audit log's sign-out. */
export async function deleteSessionByToken(
  db: DataSource,
  token: string,
): Promise<{ userId: string; tenantId: string } | null> {
  const [rows] = (await db.query(`DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id, tenant_id`, [
    hashSessionToken(token),
  ])) as [Array<{ user_id: string; tenant_id: string }>, number];
  const row = rows[0];
  return row ? { userId: row.user_id, tenantId: row.tenant_id } : null;
}

/** Moves a session to another workspace of the same user; null when the user is not a member there. */
export async function switchSessionTenant(
  db: DataSource,
  session: ResolvedSession,
  tenantId: string,
): Promise<ResolvedSession | null> {
  return db.transaction(async (manager) => {
    const [membership] = (await manager.query(`SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [
      tenantId,
      session.userId,
    ])) as Array<{ role: Role }>;
    if (!membership) return null;
    await manager.query(`UPDATE sessions SET tenant_id = $2 WHERE id = $1`, [session.sessionId, tenantId]);
    return { ...session, tenantId, role: membership.role };
  });
}

/** What the web app needs after sign-in or on reload: who, where, which role, and the CSRF token. */
export async function describeSession(
  db: DataSource | EntityManager,
  session: Pick<ResolvedSession, 'userId' | 'tenantId' | 'role' | 'csrfToken'>,
): Promise<SessionView> {
  const [user] = (await db.query(`SELECT id, email, name, totp_enabled FROM users WHERE id = $1`, [
    session.userId,
  ])) as Array<{ id: string; email: string; name: string | null; totp_enabled: boolean }>;
  const memberships = (await db.query(
    `SELECT m.tenant_id, t.name, m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id
      WHERE m.user_id = $1 ORDER BY m.created_at, t.name`,
    [session.userId],
  )) as Array<{ tenant_id: string; name: string; role: Role }>;
  if (!user) throw new Error(`session user ${session.userId} has no row`);
  const current = memberships.find((m) => m.tenant_id === session.tenantId);
  return {
    user: { id: user.id, email: user.email, name: user.name, totpEnabled: user.totp_enabled },
    tenant: { id: session.tenantId, name: current?.name ?? '' },
    role: session.role,
    csrfToken: session.csrfToken,
    memberships: memberships.map((m) => ({ tenantId: m.tenant_id, tenantName: m.name, role: m.role })),
  };
}
