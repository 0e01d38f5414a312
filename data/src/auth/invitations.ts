import { recordAudit } from '../audit/record-audit';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ConflictError,
  NotFoundError,
  type InvitationView,
  type InviteUserRequest,
  type MembershipView,
  type MyInvitationView,
  type Role,
} from '@cadenza/core';
import { queryRows } from '../crm/crm-write';
import { appendDomainEvents } from '../events';
import { hashPassword } from './passwords';
import type { Actor } from './tenant-users';

/** How long an invitation can be accepted. */
export const INVITATION_TTL_MS = 14 * 24 * 3_600_000;

interface InvitationRow {
  id: string;
  tenant_id: string;
  email: string;
  role: Role;
  created_at: Date;
  expires_at: Date;
}

const toView = (row: InvitationRow): InvitationView => ({
  id: row.id,
  email: row.email,
  role: row.role,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
});

/**
 * Invites an email to a workspace. Whatever the email, the admin gets the same answer (the
 * invitation: only what they typed) and the same work is done (one argon2 hash), so it never
 * tells one workspace whether the email has an account elsewhere:
 * - no account yet: the account is created with the admin's initial password, and the
 *   invitation is accepted by its first sign-in (nobody else can have a stake in it);
 * - an account exists: its password and name are untouched, and the person accepts or
 *   declines after signing in to their own workspace.
 * Inviting again refreshes the role and the expiry.
 */
export async function inviteToTenant(
  db: DataSource,
  tenantId: string,
  input: InviteUserRequest,
  actor: Actor,
  clientAddress: string | null = null,
): Promise<InvitationView> {
  const passwordHash = await hashPassword(input.password); // outside the transaction: slow on purpose
  return db.transaction(async (manager) => {
    const [member] = (await manager.query(
      `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND u.email = $2`,
      [tenantId, input.email],
    )) as unknown[];
    if (member)
      throw new ConflictError(`${input.email} is already a member of this workspace`, { field: 'body.email' });
    const [created] = (await manager.query(
      `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [input.email, input.name ?? null, passwordHash],
    )) as Array<{ id: string }>;
    const [row] = (await manager.query(
      `INSERT INTO invitations (tenant_id, email, role, invited_by, creates_account, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, email) DO UPDATE
         SET role = EXCLUDED.role, invited_by = EXCLUDED.invited_by, expires_at = EXCLUDED.expires_at,
             created_at = now(), creates_account = invitations.creates_account OR EXCLUDED.creates_account
       RETURNING id, tenant_id, email, role, created_at, expires_at`,
      [
        tenantId,
        input.email,
        input.role,
        actor.kind === 'user' ? actor.id : null,
        Boolean(created),
        new Date(Date.now() + INVITATION_TTL_MS),
      ],
    )) as InvitationRow[];
    await appendDomainEvents(manager, tenantId, [
      { type: 'user.invited', subject: 'user', subjectId: row!.id, payload: { role: input.role }, actor },
    ]);
    // The initial password is never audited: only who was invited, with which role.
    await recordAudit(
      manager,
      { tenantId, actor, clientAddress },
      {
        action: 'create',
        entity: 'invitation',
        entityId: row!.id,
        before: null,
        after: { email: input.email, role: input.role },
      },
    );
    return toView(row!);
  });
}

/** The workspace's invitations that can still be accepted. */
export async function listTenantInvitations(db: DataSource, tenantId: string): Promise<InvitationView[]> {
  const rows = (await db.query(
    `SELECT id, tenant_id, email, role, created_at, expires_at FROM invitations
      WHERE tenant_id = $1 AND expires_at > now() ORDER BY created_at, email`,
    [tenantId],
  )) as InvitationRow[];
  return rows.map(toView);
}

export async function revokeTenantInvitation(
  db: DataSource,
  tenantId: string,
  invitationId: string,
  actor: Actor,
  clientAddress: string | null = null,
) {
  await db.transaction(async (manager) => {
    const [row] = await queryRows<{ id: string; email: string; role: Role }>(
      manager,
      `DELETE FROM invitations WHERE tenant_id = $1 AND id = $2 RETURNING id, email, role`,
      [tenantId, invitationId],
    );
    if (!row) throw new NotFoundError('invitation', invitationId);
    await appendDomainEvents(manager, tenantId, [
      { type: 'user.invitation_revoked', subject: 'user', subjectId: invitationId, actor },
    ]);
    await recordAudit(
      manager,
      { tenantId, actor, clientAddress },
      {
        action: 'revoke',
        entity: 'invitation',
        entityId: invitationId,
        before: { email: row.email, role: row.role },
        after: null,
      },
    );
  });
}

/** Invitations addressed to this user's email that can still be accepted, with the workspace's name. */
export async function listMyInvitations(db: DataSource | EntityManager, userId: string): Promise<MyInvitationView[]> {
  const rows = (await db.query(
    `SELECT i.id, i.tenant_id, t.name AS tenant_name, i.role, i.created_at, i.expires_at
       FROM invitations i JOIN users u ON u.email = i.email JOIN tenants t ON t.id = i.tenant_id
      WHERE u.id = $1 AND i.expires_at > now() ORDER BY i.created_at`,
    [userId],
  )) as Array<InvitationRow & { tenant_name: string }>;
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  }));
}

/** Deletes one of this user's live invitations and returns it; 404 for anyone else's. */
async function takeMyInvitation(manager: EntityManager, userId: string, invitationId: string) {
  const [taken] = await queryRows<{ tenant_id: string; role: Role }>(
    manager,
    `DELETE FROM invitations i USING users u
      WHERE i.id = $2 AND u.id = $1 AND u.email = i.email AND i.expires_at > now()
      RETURNING i.tenant_id, i.role`,
    [userId, invitationId],
  );
  if (!taken) throw new NotFoundError('invitation', invitationId);
  return taken;
}

async function joinTenant(manager: EntityManager, userId: string, tenantId: string, role: Role): Promise<void> {
  await manager.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    tenantId,
    userId,
    role,
  ]);
  await appendDomainEvents(manager, tenantId, [
    { type: 'user.joined', subject: 'user', subjectId: userId, payload: { role }, actor: { kind: 'user', id: userId } },
  ]);
}

/** Accepts one of this user's invitations inside the caller's transaction. */
export async function acceptInvitationIn(
  manager: EntityManager,
  userId: string,
  invitationId: string,
  clientAddress: string | null = null,
): Promise<MembershipView> {
  const taken = await takeMyInvitation(manager, userId, invitationId);
  await joinTenant(manager, userId, taken.tenant_id, taken.role);
  await recordAudit(
    manager,
    { tenantId: taken.tenant_id, actor: { kind: 'user', id: userId }, clientAddress },
    { action: 'accept', entity: 'invitation', entityId: invitationId, before: null, after: { role: taken.role } },
  );
  const [tenant] = (await manager.query(`SELECT name FROM tenants WHERE id = $1`, [taken.tenant_id])) as Array<{
    name: string;
  }>;
  return { tenantId: taken.tenant_id, tenantName: tenant!.name, role: taken.role };
}

export const acceptInvitation = (
  db: DataSource,
  userId: string,
  invitationId: string,
  clientAddress: string | null = null,
): Promise<MembershipView> =>
  db.transaction((manager) => acceptInvitationIn(manager, userId, invitationId, clientAddress));

export async function declineInvitation(
  db: DataSource,
  userId: string,
  invitationId: string,
  clientAddress: string | null = null,
): Promise<void> {
  await db.transaction(async (manager) => {
    const taken = await takeMyInvitation(manager, userId, invitationId);
    await recordAudit(
      manager,
      { tenantId: taken.tenant_id, actor: { kind: 'user', id: userId }, clientAddress },
      { action: 'decline', entity: 'invitation', entityId: invitationId, before: null, after: { role: taken.role } },
    );
    await appendDomainEvents(manager, taken.tenant_id, [
      {
        type: 'user.invitation_declined',
        subject: 'user',
        subjectId: invitationId,
        actor: { kind: 'user', id: userId },
      },
    ]);
  });
}

/**
 * At sign-in: an account that belongs to no workspace joins the one whose invitation created
 * it. Only that one: an invitation to an account that existed before always waits for a yes.
 */
export async function acceptAccountCreatingInvitation(
  manager: EntityManager,
  userId: string,
  clientAddress: string | null = null,
): Promise<void> {
  const [taken] = await queryRows<{ id: string; tenant_id: string; role: Role }>(
    manager,
    `DELETE FROM invitations WHERE id = (
       SELECT i.id FROM invitations i JOIN users u ON u.email = i.email
        WHERE u.id = $1 AND i.creates_account AND i.expires_at > now()
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)
        ORDER BY i.created_at LIMIT 1 FOR UPDATE OF i)
     RETURNING id, tenant_id, role`,
    [userId],
  );
  if (!taken) return;
  await joinTenant(manager, userId, taken.tenant_id, taken.role);
  await recordAudit(
    manager,
    { tenantId: taken.tenant_id, actor: { kind: 'user', id: userId }, clientAddress },
    { action: 'accept', entity: 'invitation', entityId: taken.id, before: null, after: { role: taken.role } },
  );
}
