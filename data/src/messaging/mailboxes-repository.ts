import { recordAudit, type AuditContext } from '../audit/record-audit';
import { changedFields, withReplacedSecrets } from '../audit/changed-fields';
import {
  ConflictError,
  MailboxCreateSchema,
  NotFoundError,
  UserError,
  type MailboxCreate,
  type MailboxUpdate,
  type MailboxView,
} from '@cadenza/core';
import type { DataSource, EntityManager } from 'typeorm';
import { decryptSecret, encryptSecret } from '../auth/secret-box';
import type { Db } from '../crm/crm-write';
import type { SendLimits } from '@cadenza/core';

interface MailboxRow {
  id: string;
  tenant_id: string;
  kind: 'smtp' | 'sendgrid' | 'gmail' | 'microsoft';
  name: string;
  from_address: string;
  from_name: string | null;
  host: string | null;
  port: number | null;
  secure: boolean;
  username: string | null;
  secret_sealed: string | null;
  daily_limit: number;
  per_minute_limit: number;
  is_default: boolean;
  imap_host: string | null;
  imap_port: number | null;
  imap_secure: boolean;
  imap_username: string | null;
  imap_secret_sealed: string | null;
  last_sync_at: Date | null;
  last_sync_error: string | null;
  auth_failed_at: Date | null;
  owner_user_id: string | null;
  created_at: Date;
  updated_at: Date;
  /** From mailbox_oauth_tokens (MAILBOX_SELECT): the connected account of a gmail or microsoft mailbox. */
  oauth_account?: string | null;
  oauth_connected_at?: Date | null;
}

/** A mailbox row with the account its OAuth tokens belong to (never the tokens). */
const MAILBOX_SELECT = `SELECT m.*, t.account AS oauth_account, t.connected_at AS oauth_connected_at
  FROM mailboxes m LEFT JOIN mailbox_oauth_tokens t ON t.mailbox_id = m.id`;

/** A mailbox as the sender needs it, secret opened. Never leaves the worker. */
export interface SendingMailbox {
  id: string;
  tenantId: string;
  kind: 'smtp' | 'sendgrid' | 'gmail' | 'microsoft';
  fromAddress: string;
  fromName: string | null;
  host: string | null;
  port: number | null;
  secure: boolean;
  username: string | null;
  secret: string | null;
  limits: SendLimits;
  /** The user whose own mailbox it is; null for a workspace mailbox. */
  ownerUserId: string | null;
}

/**
 * Whose mailboxes a caller reaches: a tenant id alone means all of the tenant's (admins, and
 * the platform itself); with a user, only that user's own mailboxes, so a sales rep can
 * manage theirs and nobody else's. Every query below applies it.
 */
export type MailboxScope = string | { tenantId: string; ownerUserId: string };

const tenantOf = (scope: MailboxScope) => (typeof scope === 'string' ? scope : scope.tenantId);
const ownerOf = (scope: MailboxScope) => (typeof scope === 'string' ? null : scope.ownerUserId);
/** The SQL condition of a scope, over parameters $1 (tenant) and $2 (owner or null). */
const SCOPED = `m.tenant_id = $1 AND ($2::uuid IS NULL OR m.owner_user_id = $2::uuid)`;
const scopeParams = (scope: MailboxScope) => [tenantOf(scope), ownerOf(scope)];

/** The API view: everything but the secret, which is only ever reported as present or not. */
const toView = (row: MailboxRow): MailboxView => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  fromAddress: row.from_address,
  fromName: row.from_name,
  dailyLimit: row.daily_limit,
  perMinuteLimit: row.per_minute_limit,
  isDefault: row.is_default,
  ownerUserId: row.owner_user_id,
  host: row.host,
  port: row.port,
  secure: row.secure,
  username: row.username,
  hasSecret: row.secret_sealed !== null,
  imap: row.imap_host
    ? {
        host: row.imap_host,
        port: row.imap_port ?? (row.imap_secure ? 993 : 143),
        secure: row.imap_secure,
        username: row.imap_username,
        hasPassword: row.imap_secret_sealed !== null,
      }
    : null,
  sync: {
    lastSyncAt: row.last_sync_at?.toISOString() ?? null,
    lastError: row.last_sync_error,
    authFailedAt: row.auth_failed_at?.toISOString() ?? null,
  },
  oauth:
    row.oauth_account && row.oauth_connected_at
      ? { account: row.oauth_account, connectedAt: row.oauth_connected_at.toISOString() }
      : null,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

function seal(key: Buffer | null, secret: string | undefined | null): string | null {
  if (!secret) return null;
  if (!key) {
    throw new UserError(
      'secret_key_missing',
      'mailbox secrets are encrypted at rest and the server has no CADENZA_SECRET_KEY; ask the operator to set it',
      { field: 'CADENZA_SECRET_KEY' },
      409,
    );
  }
  return encryptSecret(key, secret);
}

/**
 * One default per owner: the workspace's among the workspace mailboxes, a user's among their own
 * (the one their contacts' "owner" sends use when they have several).
 */
async function clearDefault(manager: EntityManager, tenantId: string, owner: string | null, except: string | null) {
  await manager.query(
    `UPDATE mailboxes SET is_default = false
     WHERE tenant_id = $1 AND owner_user_id IS NOT DISTINCT FROM $3::uuid AND is_default AND id <> $2`,
    [tenantId, except ?? '00000000-0000-0000-0000-000000000000', owner],
  );
}

export async function listMailboxes(db: Db, scope: MailboxScope): Promise<MailboxView[]> {
  const rows = (await db.query(
    `${MAILBOX_SELECT} WHERE ${SCOPED} ORDER BY m.created_at`,
    scopeParams(scope),
  )) as MailboxRow[];
  return rows.map(toView);
}

/** Another user's mailbox answers 404, as if it did not exist. */
async function requireMailboxRow(db: Db, scope: MailboxScope, id: string): Promise<MailboxRow> {
  const rows = (await db.query(`${MAILBOX_SELECT} WHERE ${SCOPED} AND m.id = $3::uuid`, [
    ...scopeParams(scope),
    id,
  ])) as MailboxRow[];
  if (!rows[0]) throw new NotFoundError('mailbox', id);
  return rows[0];
}

export const getMailbox = async (db: Db, scope: MailboxScope, id: string) =>
  toView(await requireMailboxRow(db, scope, id));

/**
 * Adds a mailbox: the workspace's, or with `ownerUserId` a user's own (a scope naming a user
 * always makes that user's own; a sales rep cannot add a workspace mailbox).
 */
export async function createMailbox(
  db: DataSource,
  secretKey: Buffer | null,
  scope: MailboxScope,
  input: MailboxCreate,
  options: { ownerUserId?: string | null; audit?: AuditContext } = {},
): Promise<MailboxView> {
  const tenantId = tenantOf(scope);
  const owner = ownerOf(scope) ?? options.ownerUserId ?? null;
  const parsed = MailboxCreateSchema.parse(input);
  const sealed = seal(secretKey, parsed.kind === 'smtp' ? parsed.password : parsed.apiKey);
  const imap = parsed.kind === 'smtp' ? parsed.imap : undefined;
  const imapSealed = seal(secretKey, imap?.password);
  return db.transaction(async (manager) => {
    if (parsed.isDefault) await clearDefault(manager, tenantId, owner, null);
    const rows = (await manager.query(
      `INSERT INTO mailboxes (tenant_id, kind, name, from_address, from_name, host, port, secure, username,
         secret_sealed, daily_limit, per_minute_limit, is_default, imap_host, imap_port, imap_secure, imap_username,
         imap_secret_sealed, owner_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, coalesce($16, true), $17, $18, $19)
       RETURNING *`,
      [
        tenantId,
        parsed.kind,
        parsed.name,
        parsed.fromAddress,
        parsed.fromName ?? null,
        parsed.kind === 'smtp' ? parsed.host : null,
        parsed.kind === 'smtp' ? parsed.port : null,
        parsed.kind === 'smtp' ? parsed.secure : false,
        parsed.kind === 'smtp' ? (parsed.username ?? null) : null,
        sealed,
        parsed.dailyLimit,
        parsed.perMinuteLimit,
        parsed.isDefault,
        imap?.host ?? null,
        imap?.port ?? null,
        imap?.secure ?? null,
        imap?.username ?? null,
        imapSealed,
        owner,
      ],
    )) as MailboxRow[];
    const created = toView(rows[0]!);
    if (options.audit) {
      await recordAudit(manager, options.audit, {
        action: 'create',
        entity: 'mailbox',
        entityId: created.id,
        before: null,
        after: auditedMailbox(created),
      });
    }
    return created;
  });
}

/** What the audit log keeps of a mailbox: its settings, never a secret (the view has none) nor its sync health. */
function auditedMailbox(view: MailboxView): Record<string, unknown> {
  const { sync: _sync, ...settings } = view;
  return settings;
}

export async function updateMailbox(
  db: DataSource,
  secretKey: Buffer | null,
  scope: MailboxScope,
  id: string,
  change: MailboxUpdate,
  audit?: AuditContext,
): Promise<MailboxView> {
  const tenantId = tenantOf(scope);
  return db.transaction(async (manager) => {
    const current = await requireMailboxRow(manager, scope, id);
    if (current.kind === 'sendgrid' && (change.host || change.port || change.username)) {
      throw new UserError('invalid_field', 'a SendGrid mailbox has no SMTP host, port or user', { field: 'host' });
    }
    if (current.kind === 'sendgrid' && change.imap)
      throw new UserError('invalid_field', 'a SendGrid mailbox cannot read replies over IMAP', { field: 'imap' });
    if (current.kind === 'gmail' || current.kind === 'microsoft') {
      const field = (['host', 'port', 'secure', 'username', 'secret', 'imap', 'fromAddress'] as const).find(
        (name) => change[name] !== undefined,
      );
      if (field)
        throw new UserError(
          'invalid_field',
          `a ${current.kind} mailbox is connected by OAuth: it has no ${field} to change (use Reconnect)`,
          { field },
        );
    }
    if (change.isDefault) await clearDefault(manager, tenantId, current.owner_user_id, id);
    const sealed = change.secret !== undefined ? seal(secretKey, change.secret) : current.secret_sealed;
    const imap = imapColumnsAfter(current, change.imap, secretKey);
    // TypeORM's postgres driver answers an UPDATE with [rows, affected count].
    const [rows] = (await manager.query(
      `UPDATE mailboxes SET name = $3, from_address = $4, from_name = $5, host = $6, port = $7, secure = $8,
         username = $9, secret_sealed = $10, daily_limit = $11, per_minute_limit = $12, is_default = $13,
         imap_host = $14, imap_port = $15, imap_secure = $16, imap_username = $17, imap_secret_sealed = $18,
         auth_failed_at = CASE WHEN $19 THEN NULL ELSE auth_failed_at END, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [
        tenantId,
        id,
        change.name ?? current.name,
        change.fromAddress ?? current.from_address,
        change.fromName === undefined ? current.from_name : change.fromName,
        change.host ?? current.host,
        change.port ?? current.port,
        change.secure ?? current.secure,
        change.username === undefined ? current.username : change.username,
        sealed,
        change.dailyLimit ?? current.daily_limit,
        change.perMinuteLimit ?? current.per_minute_limit,
        change.isDefault ?? current.is_default,
        imap.host,
        imap.port,
        imap.secure,
        imap.username,
        imap.sealed,
        change.imap !== undefined,
      ],
    )) as [MailboxRow[], number];
    const changed = toView({
      ...rows[0]!,
      oauth_account: current.oauth_account,
      oauth_connected_at: current.oauth_connected_at,
    });
    if (audit) {
      // Changed fields by name; a new password or API key is recorded as replaced, never as itself.
      const fields = withReplacedSecrets(
        changedFields(auditedMailbox(toView(current)), auditedMailbox(changed), ['hasSecret', 'updatedAt']),
        { secret: change.secret !== undefined, imapPassword: change.imap?.password !== undefined },
      );
      await recordAudit(manager, audit, { action: 'update', entity: 'mailbox', entityId: id, ...fields });
    }
    return changed;
  });
}

/** The IMAP columns after a change: replaced, removed (null), or kept (undefined); an omitted password keeps the stored one. */
function imapColumnsAfter(current: MailboxRow, change: MailboxUpdate['imap'], secretKey: Buffer | null) {
  if (change === undefined)
    return {
      host: current.imap_host,
      port: current.imap_port,
      secure: current.imap_secure,
      username: current.imap_username,
      sealed: current.imap_secret_sealed,
    };
  if (change === null) return { host: null, port: null, secure: true, username: null, sealed: null };
  return {
    host: change.host,
    port: change.port,
    secure: change.secure,
    username: change.username ?? null,
    sealed: change.password !== undefined ? seal(secretKey, change.password) : current.imap_secret_sealed,
  };
}

export async function deleteMailbox(
  db: DataSource,
  scope: MailboxScope,
  id: string,
  audit?: AuditContext,
): Promise<void> {
  await db.transaction(async (manager) => {
    const current = await requireMailboxRow(manager, scope, id);
    await manager.query(`DELETE FROM mailboxes WHERE tenant_id = $1 AND id = $2`, [tenantOf(scope), id]);
    if (audit) {
      // Removing a Gmail or Microsoft 365 mailbox is how its account is disconnected (its tokens go with it).
      await recordAudit(manager, audit, {
        action: current.kind === 'gmail' || current.kind === 'microsoft' ? 'disconnect' : 'delete',
        entity: 'mailbox',
        entityId: id,
        before: auditedMailbox(toView(current)),
        after: null,
      });
    }
  });
}

/**
 * The workspace's default mailbox, as sends use it when nothing else decides: the default among
 * the workspace's mailboxes (never a user's own), else its only one, else none (the sink).
 * The secret is opened here, in the worker, and nowhere else.
 */
export async function mailboxForSending(
  db: Db,
  secretKey: Buffer | null,
  tenantId: string,
): Promise<SendingMailbox | null> {
  const rows = (await db.query(
    `SELECT * FROM mailboxes WHERE tenant_id = $1 AND owner_user_id IS NULL
     ORDER BY is_default DESC, created_at LIMIT 2`,
    [tenantId],
  )) as MailboxRow[];
  const row = rows[0]?.is_default || rows.length === 1 ? rows[0] : undefined;
  if (!row) {
    if (rows.length > 1) throw new ConflictError('the tenant has several mailboxes and none is the default');
    return null;
  }
  return toSending(row, secretKey);
}

/** A user's own mailbox for sending: their default, else their oldest; null when they have none. */
export async function ownMailboxForSending(
  db: Db,
  secretKey: Buffer | null,
  tenantId: string,
  userId: string,
): Promise<SendingMailbox | null> {
  const rows = (await db.query(
    `SELECT * FROM mailboxes WHERE tenant_id = $1 AND owner_user_id = $2::uuid ORDER BY is_default DESC, created_at LIMIT 1`,
    [tenantId, userId],
  )) as MailboxRow[];
  return rows[0] ? toSending(rows[0], secretKey) : null;
}

/** Mailboxes by id for sending (a chosen mailbox, a pool's members, a thread's parent), in the tenant only. */
export async function mailboxesForSending(
  db: Db,
  secretKey: Buffer | null,
  tenantId: string,
  ids: readonly string[],
): Promise<SendingMailbox[]> {
  if (ids.length === 0) return [];
  const rows = (await db.query(
    `SELECT * FROM mailboxes WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY created_at`,
    [tenantId, ids],
  )) as MailboxRow[];
  return rows.map((row) => toSending(row, secretKey));
}

/** Ids of the workspace's own mailboxes (what a flow may name as its sender). */
export async function workspaceMailboxIds(db: Db, tenantId: string): Promise<string[]> {
  const rows = (await db.query(`SELECT id FROM mailboxes WHERE tenant_id = $1 AND owner_user_id IS NULL`, [
    tenantId,
  ])) as Array<{ id: string }>;
  return rows.map((row) => row.id);
}

function toSending(row: MailboxRow, secretKey: Buffer | null): SendingMailbox {
  if (row.secret_sealed && !secretKey) {
    throw new ConflictError(`mailbox ${row.id} has a sealed secret but CADENZA_SECRET_KEY is not set on the worker`);
  }
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    fromAddress: row.from_address,
    fromName: row.from_name,
    host: row.host,
    port: row.port,
    secure: row.secure,
    username: row.username,
    secret: row.secret_sealed && secretKey ? decryptSecret(secretKey, row.secret_sealed) : null,
    limits: { daily: row.daily_limit, perMinute: row.per_minute_limit },
    ownerUserId: row.owner_user_id,
  };
}
