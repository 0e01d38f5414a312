import {
  ConflictError,
  MailboxPoolCreateSchema,
  MailboxPoolUpdateSchema,
  NotFoundError,
  UserError,
  type MailboxPoolCreate,
  type MailboxPoolUpdate,
  type MailboxPoolView,
  type SenderOptions,
} from '@cadenza/core';
import type { DataSource, EntityManager } from 'typeorm';
import type { Db } from '../crm/crm-write';

interface PoolRow {
  id: string;
  name: string;
  mailbox_ids: string[] | null;
  created_at: Date;
  updated_at: Date;
}

const toView = (row: PoolRow): MailboxPoolView => ({
  id: row.id,
  name: row.name,
  mailboxIds: row.mailbox_ids ?? [],
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const SELECT_POOLS = `SELECT p.id, p.name, p.created_at, p.updated_at,
    (SELECT array_agg(m.mailbox_id ORDER BY mb.created_at) FROM mailbox_pool_members m
       JOIN mailboxes mb ON mb.id = m.mailbox_id WHERE m.pool_id = p.id) AS mailbox_ids
  FROM mailbox_pools p`;

export async function listMailboxPools(db: Db, tenantId: string): Promise<MailboxPoolView[]> {
  const rows = (await db.query(`${SELECT_POOLS} WHERE p.tenant_id = $1 ORDER BY p.name`, [tenantId])) as PoolRow[];
  return rows.map(toView);
}

export async function getMailboxPool(db: Db, tenantId: string, id: string): Promise<MailboxPoolView> {
  const rows = (await db.query(`${SELECT_POOLS} WHERE p.tenant_id = $1 AND p.id = $2::uuid`, [
    tenantId,
    id,
  ])) as PoolRow[];
  if (!rows[0]) throw new NotFoundError('mailbox pool', id);
  return toView(rows[0]);
}

/** A pool rotates over workspace mailboxes only: a user's own mailbox sends for that user's contacts. */
async function assertWorkspaceMailboxes(manager: EntityManager, tenantId: string, ids: readonly string[]) {
  const rows = (await manager.query(
    `SELECT id FROM mailboxes WHERE tenant_id = $1 AND owner_user_id IS NULL AND id = ANY($2::uuid[])`,
    [tenantId, ids],
  )) as Array<{ id: string }>;
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) {
    throw new UserError('invalid_field', `mailboxIds: no workspace mailbox ${missing} (deleted, or a user's own)`, {
      field: 'mailboxIds',
    });
  }
}

async function setMembers(manager: EntityManager, tenantId: string, poolId: string, ids: readonly string[]) {
  await assertWorkspaceMailboxes(manager, tenantId, ids);
  await manager.query(`DELETE FROM mailbox_pool_members WHERE pool_id = $1`, [poolId]);
  await manager.query(
    `INSERT INTO mailbox_pool_members (pool_id, mailbox_id, tenant_id) SELECT $1, unnest($2::uuid[]), $3`,
    [poolId, ids, tenantId],
  );
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';
const nameTaken = (name: string) => new ConflictError(`a pool named "${name}" already exists`);

export async function createMailboxPool(
  db: DataSource,
  tenantId: string,
  input: MailboxPoolCreate,
): Promise<MailboxPoolView> {
  const parsed = MailboxPoolCreateSchema.parse(input);
  try {
    return await db.transaction(async (manager) => {
      const [row] = (await manager.query(`INSERT INTO mailbox_pools (tenant_id, name) VALUES ($1, $2) RETURNING id`, [
        tenantId,
        parsed.name,
      ])) as Array<{ id: string }>;
      await setMembers(manager, tenantId, row!.id, parsed.mailboxIds);
      return getMailboxPool(manager, tenantId, row!.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(parsed.name);
    throw error;
  }
}

export async function updateMailboxPool(
  db: DataSource,
  tenantId: string,
  id: string,
  change: MailboxPoolUpdate,
): Promise<MailboxPoolView> {
  const parsed = MailboxPoolUpdateSchema.parse(change);
  try {
    return await db.transaction(async (manager) => {
      await getMailboxPool(manager, tenantId, id);
      await manager.query(
        `UPDATE mailbox_pools SET name = coalesce($3, name), updated_at = now() WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, parsed.name ?? null],
      );
      if (parsed.mailboxIds) await setMembers(manager, tenantId, id, parsed.mailboxIds);
      return getMailboxPool(manager, tenantId, id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(parsed.name ?? '');
    throw error;
  }
}

/** Removes a pool; flows that name it fall back to the workspace default (recorded on each message). */
export async function deleteMailboxPool(db: DataSource, tenantId: string, id: string): Promise<void> {
  await db.transaction(async (manager) => {
    await getMailboxPool(manager, tenantId, id);
    await manager.query(`DELETE FROM mailbox_pools WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  });
}

/** A pool's member ids, for sending (empty when the pool is gone or has no members left). */
export async function poolMemberIds(db: Db, tenantId: string, poolId: string): Promise<string[] | null> {
  const rows = (await db.query(
    `SELECT p.id, m.mailbox_id FROM mailbox_pools p
     LEFT JOIN mailbox_pool_members m ON m.pool_id = p.id
     WHERE p.tenant_id = $1 AND p.id = $2::uuid`,
    [tenantId, poolId],
  )) as Array<{ id: string; mailbox_id: string | null }>;
  if (rows.length === 0) return null;
  return rows.flatMap((row) => (row.mailbox_id ? [row.mailbox_id] : []));
}

/** Ids of the workspace's pools (what a flow may name as its sender). */
export async function mailboxPoolIds(db: Db, tenantId: string): Promise<string[]> {
  const rows = (await db.query(`SELECT id FROM mailbox_pools WHERE tenant_id = $1`, [tenantId])) as Array<{
    id: string;
  }>;
  return rows.map((row) => row.id);
}

/** What the designer's sender picker offers: names and addresses, never settings. */
export async function senderOptions(db: Db, tenantId: string): Promise<SenderOptions> {
  const mailboxes = (await db.query(
    `SELECT id, name, from_address AS "fromAddress", is_default AS "isDefault" FROM mailboxes
     WHERE tenant_id = $1 AND owner_user_id IS NULL ORDER BY created_at`,
    [tenantId],
  )) as SenderOptions['mailboxes'];
  const pools = (await db.query(
    `SELECT p.id, p.name, (SELECT count(*)::int FROM mailbox_pool_members m WHERE m.pool_id = p.id) AS size
     FROM mailbox_pools p WHERE p.tenant_id = $1 ORDER BY p.name`,
    [tenantId],
  )) as SenderOptions['pools'];
  return { mailboxes, pools };
}
