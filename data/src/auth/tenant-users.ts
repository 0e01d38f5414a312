import { recordAudit } from '../audit/record-audit';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ConflictError,
  NotFoundError,
  type InviteUserRequest,
  type NewDomainEvent,
  type Role,
  type TenantUserView,
  type WorkspaceMember,
} from '@cadenza/core';
import { appendDomainEvents } from '../events';
import { hashPassword } from './passwords';

/** Who made a change, for the domain event it records. */
export type Actor = NonNullable<NewDomainEvent['actor']>;

interface MemberRow {
  id: string;
  email: string;
  name: string | null;
  totp_enabled: boolean;
  role: Role;
  joined_at: Date;
  locked_until: Date | null;
}

const MEMBER_COLUMNS = `u.id, u.email, u.name, u.totp_enabled, m.role, m.created_at AS joined_at, u.locked_until`;

const toView = (row: MemberRow, now = new Date()): TenantUserView => ({
  id: row.id,
  email: row.email,
  name: row.name,
  totpEnabled: row.totp_enabled,
  role: row.role,
  joinedAt: row.joined_at.toISOString(),
  lockedUntil: row.locked_until && row.locked_until > now ? row.locked_until.toISOString() : null,
});

export async function listTenantUsers(db: DataSource, tenantId: string): Promise<TenantUserView[]> {
  const rows = (await db.query(
    `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.tenant_id = $1 ORDER BY m.created_at, u.email`,
    [tenantId],
  )) as MemberRow[];
  return rows.map((row) => toView(row));
}

/** The workspace's people by name, for owner columns and pickers; every member may read it. */
export async function listWorkspaceMembers(db: DataSource, tenantId: string): Promise<WorkspaceMember[]> {
  return (await db.query(
    `SELECT u.id::text AS id, coalesce(u.name, u.email) AS name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.tenant_id = $1 ORDER BY coalesce(u.name, u.email)`,
    [tenantId],
  )) as WorkspaceMember[];
}

async function findMember(manager: EntityManager, tenantId: string, userId: string): Promise<MemberRow | null> {
  const [row] = (await manager.query(
    `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.tenant_id = $1 AND m.user_id = $2`,
    [tenantId, userId],
  )) as MemberRow[];
  return row ?? null;
}

export async function getTenantUser(db: DataSource, tenantId: string, userId: string): Promise<TenantUserView> {
  const row = await findMember(db.manager, tenantId, userId);
  if (!row) throw new NotFoundError('user', userId);
  return toView(row);
}

/**
 * Adds a person to a workspace at once, for operator-run seeding (demo data, benches, test
 * fixtures) only: no route calls it. Through the API a workspace admin invites instead
 * (invitations.ts), so nobody joins a workspace, nor learns about an account, without the
 * person's yes. A new email gets an account with the initial password; an existing account
 * keeps its password.
 */
export async function inviteTenantUser(
  db: DataSource,
  tenantId: string,
  input: InviteUserRequest,
  actor: Actor,
): Promise<{ user: TenantUserView; existingAccount: boolean }> {
  const passwordHash = await hashPassword(input.password); // outside the transaction: it is slow on purpose
  return db.transaction(async (manager) => {
    const [created] = (await manager.query(
      `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [input.email, input.name ?? null, passwordHash],
    )) as Array<{ id: string }>;
    const [user] = created
      ? [created]
      : ((await manager.query(`SELECT id FROM users WHERE email = $1`, [input.email])) as Array<{ id: string }>);
    const [membership] = (await manager.query(
      `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [tenantId, user!.id, input.role],
    )) as Array<{ user_id: string }>;
    if (!membership)
      throw new ConflictError(`${input.email} is already a member of this workspace`, { field: 'body.email' });
    await appendDomainEvents(manager, tenantId, [
      { type: 'user.invited', subject: 'user', subjectId: user!.id, payload: { role: input.role }, actor },
    ]);
    return { user: toView((await findMember(manager, tenantId, user!.id))!), existingAccount: !created };
  });
}

/** Locks the workspace's admin memberships and refuses a change that would leave none. */
async function assertAdminRemains(manager: EntityManager, tenantId: string, userId: string): Promise<void> {
  const admins = (await manager.query(
    `SELECT user_id FROM memberships WHERE tenant_id = $1 AND role = 'admin' FOR UPDATE`,
    [tenantId],
  )) as Array<{ user_id: string }>;
  if (admins.every((admin) => admin.user_id === userId)) {
    throw new ConflictError('a workspace needs at least one admin: make someone else admin first');
  }
}

export async function changeTenantUserRole(
  db: DataSource,
  tenantId: string,
  userId: string,
  role: Role,
  actor: Actor,
  clientAddress: string | null = null,
): Promise<TenantUserView> {
  return db.transaction(async (manager) => {
    const member = await findMember(manager, tenantId, userId);
    if (!member) throw new NotFoundError('user', userId);
    if (member.role === role) return toView(member);
    if (member.role === 'admin') await assertAdminRemains(manager, tenantId, userId);
    await manager.query(`UPDATE memberships SET role = $3 WHERE tenant_id = $1 AND user_id = $2`, [
      tenantId,
      userId,
      role,
    ]);
    await appendDomainEvents(manager, tenantId, [
      {
        type: 'user.role_changed',
        subject: 'user',
        subjectId: userId,
        payload: { from: member.role, to: role },
        actor,
      },
    ]);
    await recordAudit(
      manager,
      { tenantId, actor, clientAddress },
      { action: 'update', entity: 'membership', entityId: userId, before: { role: member.role }, after: { role } },
    );
    return toView({ ...member, role });
  });
}

/** Removes a person from this workspace only (the account stays) and ends their sessions in it. */
export async function removeTenantUser(
  db: DataSource,
  tenantId: string,
  userId: string,
  actor: Actor,
  clientAddress: string | null = null,
) {
  await db.transaction(async (manager) => {
    const member = await findMember(manager, tenantId, userId);
    if (!member) throw new NotFoundError('user', userId);
    if (member.role === 'admin') await assertAdminRemains(manager, tenantId, userId);
    await manager.query(`DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId]);
    await manager.query(`DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId]);
    await appendDomainEvents(manager, tenantId, [{ type: 'user.removed', subject: 'user', subjectId: userId, actor }]);
    await recordAudit(
      manager,
      { tenantId, actor, clientAddress },
      { action: 'delete', entity: 'membership', entityId: userId, before: { role: member.role }, after: null },
    );
  });
}
