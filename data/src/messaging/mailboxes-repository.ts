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
}

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

async function clearDefault(manager: EntityManager, tenantId: string, except: string | null) {
  await manager.query(`UPDATE mailboxes SET is_default = false WHERE tenant_id = $1 AND is_default AND id <> $2`, [
    tenantId,
    except ?? '00000000-0000-0000-0000-000000000000',
  ]);
}

export async function listMailboxes(db: Db, tenantId: string): Promise<MailboxView[]> {
  const rows = (await db.query(`${MAILBOX_SELECT} WHERE m.tenant_id = $1 ORDER BY m.created_at`, [
    tenantId,
  ])) as MailboxRow[];
  return rows.map(toView);
}

async function requireMailboxRow(db: Db, tenantId: string, id: string): Promise<MailboxRow> {
  const rows = (await db.query(`${MAILBOX_SELECT} WHERE m.tenant_id = $1 AND m.id = $2::uuid`, [
    tenantId,
    id,
  ])) as MailboxRow[];
  if (!rows[0]) throw new NotFoundError('mailbox', id);
  return rows[0];
}

export const getMailbox = async (db: Db, tenantId: string, id: string) =>
  toView(await requireMailboxRow(db, tenantId, id));

export async function createMailbox(
  db: DataSource,
  secretKey: Buffer | null,
  tenantId: string,
  input: MailboxCreate,
): Promise<MailboxView> {
  const parsed = MailboxCreateSchema.parse(input);
  const sealed = seal(secretKey, parsed.kind === 'smtp' ? parsed.password : parsed.apiKey);
  const imap = parsed.kind === 'smtp' ? parsed.imap : undefined;
  const imapSealed = seal(secretKey, imap?.password);
  return db.transaction(async (manager) => {
    if (parsed.isDefault) await clearDefault(manager, tenantId, null);
    const rows = (await manager.query(
      `INSERT INTO mailboxes (tenant_id, kind, name, from_address, from_name, host, port, secure, username,
         secret_sealed, daily_limit, per_minute_limit, is_default, imap_host, imap_port, imap_secure, imap_username,
         imap_secret_sealed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, coalesce($16, true), $17, $18)
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
      ],
    )) as MailboxRow[];
    return toView(rows[0]!);
  });
}

export async function updateMailbox(
  db: DataSource,
  secretKey: Buffer | null,
  tenantId: string,
  id: string,
  change: MailboxUpdate,
): Promise<MailboxView> {
  return db.transaction(async (manager) => {
    const current = await requireMailboxRow(manager, tenantId, id);
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
    if (change.isDefault) await clearDefault(manager, tenantId, id);
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
    return toView({
      ...rows[0]!,
      oauth_account: current.oauth_account,
      oauth_connected_at: current.oauth_connected_at,
    });
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

export async function deleteMailbox(db: DataSource, tenantId: string, id: string): Promise<void> {
  await db.transaction(async (manager) => {
    await requireMailboxRow(manager, tenantId, id);
    await manager.query(`DELETE FROM mailboxes WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  });
}

/**
 * The mailbox a send uses: the tenant's default, else its only one, else none (the sink).
 * The secret is opened here, in the worker, and nowhere else.
 */
export async function mailboxForSending(
  db: Db,
  secretKey: Buffer | null,
  tenantId: string,
): Promise<SendingMailbox | null> {
  const rows = (await db.query(
    `SELECT * FROM mailboxes WHERE tenant_id = $1 ORDER BY is_default DESC, created_at LIMIT 2`,
    [tenantId],
  )) as MailboxRow[];
  const row = rows[0]?.is_default || rows.length === 1 ? rows[0] : undefined;
  if (!row) {
    if (rows.length > 1) throw new ConflictError('the tenant has several mailboxes and none is the default');
    return null;
  }
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
  };
}
