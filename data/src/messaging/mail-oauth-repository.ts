import { ConflictError, NotFoundError, UserError, type OAuthMailboxKind } from '@cadenza/core';
import type { DataSource, EntityManager } from 'typeorm';
import { decryptSecret, encryptSecret } from '../auth/secret-box';
import type { Db } from '../crm/crm-write';
import type { MailboxScope } from './mailboxes-repository';

/** Tokens of a connected Gmail or Microsoft 365 mailbox, opened. Never leave the worker or the API. */
export interface OAuthTokens {
  accessToken: string;
  /** When the access token stops working (as the token endpoint said, less nothing: callers keep a margin). */
  accessExpiresAt: Date;
  refreshToken: string;
}

export interface OAuthMailbox {
  id: string;
  tenantId: string;
  kind: OAuthMailboxKind;
  account: string;
  tokens: OAuthTokens;
}

/** A connect in progress, as the callback finds it. */
export interface OAuthState {
  tenantId: string;
  userId: string | null;
  kind: OAuthMailboxKind;
  /** Set when reconnecting: the mailbox keeps its id and its sync cursor. */
  mailboxId: string | null;
  /** A new mailbox is the starting user's own (always for a user without settings:manage), else the workspace's. */
  personal: boolean;
  verifier: string;
}

const requireKey = (key: Buffer | null): Buffer => {
  if (key) return key;
  throw new UserError(
    'secret_key_missing',
    'mailbox tokens are encrypted at rest and the server has no CADENZA_SECRET_KEY; ask the operator to set it',
    { field: 'CADENZA_SECRET_KEY' },
    409,
  );
};

/** Records a connect in progress: its state (only its hash is stored), the sealed PKCE verifier, who started it. */
export async function createOAuthState(
  db: Db,
  secretKey: Buffer | null,
  row: { stateHash: string; expiresAt: Date } & OAuthState,
): Promise<void> {
  const sealed = encryptSecret(requireKey(secretKey), row.verifier);
  // Old states are useless past their expiry: each new one sweeps the tenant's.
  await db.query(`DELETE FROM mailbox_oauth_states WHERE tenant_id = $1 AND expires_at < now() - interval '1 day'`, [
    row.tenantId,
  ]);
  await db.query(
    `INSERT INTO mailbox_oauth_states (state_hash, tenant_id, user_id, kind, mailbox_id, verifier_sealed, expires_at, personal)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [row.stateHash, row.tenantId, row.userId, row.kind, row.mailboxId, sealed, row.expiresAt, row.personal],
  );
}

export type ConsumedOAuthState =
  { status: 'ok'; state: OAuthState } | { status: 'unknown' | 'used' | 'expired' | 'other_principal' };

/**
 * Uses a state once: the first callback with it gets the verifier, any later one learns it was
 * used. A state of another tenant or another user is as good as unknown to the caller, and is not
 * spent by the attempt.
 */
export async function consumeOAuthState(
  db: Db,
  secretKey: Buffer | null,
  stateHash: string,
  caller: { tenantId: string; userId: string | null },
): Promise<ConsumedOAuthState> {
  const [rows] = (await db.query(
    `UPDATE mailbox_oauth_states SET used_at = now()
     WHERE state_hash = $1 AND tenant_id = $2 AND user_id IS NOT DISTINCT FROM $3 AND used_at IS NULL AND expires_at > now()
     RETURNING tenant_id, user_id, kind, mailbox_id, personal, verifier_sealed`,
    [stateHash, caller.tenantId, caller.userId],
  )) as [
    Array<{
      tenant_id: string;
      user_id: string | null;
      kind: OAuthMailboxKind;
      mailbox_id: string | null;
      personal: boolean;
      verifier_sealed: string;
    }>,
    number,
  ];
  const row = rows[0];
  if (row) {
    return {
      status: 'ok',
      state: {
        tenantId: row.tenant_id,
        userId: row.user_id,
        kind: row.kind,
        mailboxId: row.mailbox_id,
        personal: row.personal,
        verifier: decryptSecret(requireKey(secretKey), row.verifier_sealed),
      },
    };
  }
  const found = (await db.query(
    `SELECT tenant_id, user_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired
     FROM mailbox_oauth_states WHERE state_hash = $1`,
    [stateHash],
  )) as Array<{ tenant_id: string; user_id: string | null; used: boolean; expired: boolean }>;
  const known = found[0];
  if (!known) return { status: 'unknown' };
  if (known.tenant_id !== caller.tenantId || known.user_id !== caller.userId) return { status: 'other_principal' };
  return { status: known.used ? 'used' : 'expired' };
}

/**
 * A reconnect names a mailbox of the same kind that the caller may manage: any of the tenant's
 * for a tenant scope (admins), only their own for a user's; another user's answers 404.
 */
export async function requireOAuthMailbox(db: Db, scope: MailboxScope, mailboxId: string, kind: OAuthMailboxKind) {
  const [tenantId, ownerUserId] = typeof scope === 'string' ? [scope, null] : [scope.tenantId, scope.ownerUserId];
  const rows = (await db.query(
    `SELECT kind, from_address FROM mailboxes
     WHERE tenant_id = $1 AND ($2::uuid IS NULL OR owner_user_id = $2::uuid) AND id = $3::uuid`,
    [tenantId, ownerUserId, mailboxId],
  )) as Array<{ kind: string; from_address: string }>;
  if (!rows[0]) throw new NotFoundError('mailbox', mailboxId);
  if (rows[0].kind !== kind)
    throw new UserError('invalid_field', `mailbox ${mailboxId} is not a ${kind} mailbox`, { field: 'mailboxId' });
  return { fromAddress: rows[0].from_address };
}

const sealTokens = (key: Buffer, tokens: OAuthTokens) => ({
  access: encryptSecret(key, tokens.accessToken),
  refresh: encryptSecret(key, tokens.refreshToken),
});

/**
 * Stores a completed connect. A new mailbox sends from the account's address and belongs to
 * `ownerUserId` (null: the workspace's); a reconnect keeps the mailbox (its id, owner, settings and
 * sync cursor), replaces the tokens and clears "auth expired", and only reaches a mailbox within
 * `scope`. An account is connected at most once per tenant, whoever owns it.
 * Answers the mailbox id and whether it was created.
 */
export async function saveOAuthConnection(
  db: DataSource,
  secretKey: Buffer | null,
  connection: {
    tenantId: string;
    /** Whose mailboxes a reconnect may reach (the caller's scope); defaults to the whole tenant. */
    scope?: MailboxScope;
    ownerUserId?: string | null;
    kind: OAuthMailboxKind;
    mailboxId: string | null;
    account: string;
    tokens: OAuthTokens;
  },
): Promise<{ mailboxId: string; created: boolean }> {
  const sealed = sealTokens(requireKey(secretKey), connection.tokens);
  return db.transaction(async (manager) => {
    let mailboxId = connection.mailboxId;
    const created = mailboxId === null;
    if (mailboxId) {
      const current = await requireOAuthMailbox(
        manager,
        connection.scope ?? connection.tenantId,
        mailboxId,
        connection.kind,
      );
      if (current.fromAddress.toLowerCase() !== connection.account.toLowerCase())
        throw new UserError(
          'oauth_wrong_account',
          `this mailbox is ${current.fromAddress}, but the account signed in as ${connection.account}: sign in with ${current.fromAddress} to reconnect it`,
          { field: 'mailboxId' },
          409,
        );
      await manager.query(
        `UPDATE mailboxes SET auth_failed_at = NULL, last_sync_error = NULL, updated_at = now() WHERE id = $1`,
        [mailboxId],
      );
    } else {
      const existing = (await manager.query(
        `SELECT id, owner_user_id FROM mailboxes WHERE tenant_id = $1 AND kind = $2 AND lower(from_address) = lower($3)`,
        [connection.tenantId, connection.kind, connection.account],
      )) as Array<{ id: string; owner_user_id: string | null }>;
      const scopeOwner = connection.scope && typeof connection.scope !== 'string' ? connection.scope.ownerUserId : null;
      if (existing[0])
        throw new ConflictError(
          scopeOwner && existing[0].owner_user_id !== scopeOwner
            ? // Another member's mailbox: its id is theirs to know, as everywhere else.
              `${connection.account} is already connected in this workspace by someone else`
            : `${connection.account} is already connected (mailbox ${existing[0].id}); use Reconnect on it instead`,
        );
      const label = connection.kind === 'gmail' ? 'Gmail' : 'Microsoft 365';
      const inserted = (await manager.query(
        `INSERT INTO mailboxes (tenant_id, kind, name, from_address, secure, owner_user_id)
         VALUES ($1, $2, $3, $4, true, $5) RETURNING id`,
        [
          connection.tenantId,
          connection.kind,
          `${label}: ${connection.account}`.slice(0, 100),
          connection.account,
          connection.ownerUserId ?? null,
        ],
      )) as Array<{ id: string }>;
      mailboxId = inserted[0]!.id;
    }
    await manager.query(
      `INSERT INTO mailbox_oauth_tokens (mailbox_id, tenant_id, account, access_sealed, access_expires_at, refresh_sealed)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (mailbox_id) DO UPDATE SET account = $3, access_sealed = $4, access_expires_at = $5,
         refresh_sealed = $6, connected_at = now(), refreshed_at = NULL`,
      [
        mailboxId,
        connection.tenantId,
        connection.account,
        sealed.access,
        connection.tokens.accessExpiresAt,
        sealed.refresh,
      ],
    );
    return { mailboxId, created };
  });
}

interface TokenRow {
  id: string;
  tenant_id: string;
  kind: OAuthMailboxKind;
  account: string;
  access_sealed: string;
  access_expires_at: Date;
  refresh_sealed: string;
}

const openRow = (key: Buffer, row: TokenRow): OAuthMailbox => ({
  id: row.id,
  tenantId: row.tenant_id,
  kind: row.kind,
  account: row.account,
  tokens: {
    accessToken: decryptSecret(key, row.access_sealed),
    accessExpiresAt: row.access_expires_at,
    refreshToken: decryptSecret(key, row.refresh_sealed),
  },
});

const TOKEN_SELECT = `SELECT m.id, m.tenant_id, m.kind, t.account, t.access_sealed, t.access_expires_at, t.refresh_sealed
  FROM mailboxes m JOIN mailbox_oauth_tokens t ON t.mailbox_id = m.id`;

/** A connected Gmail or Microsoft mailbox with its tokens opened; null when gone or never connected. */
export async function oauthMailbox(
  db: Db,
  secretKey: Buffer | null,
  tenantId: string,
  mailboxId: string,
): Promise<OAuthMailbox | null> {
  const rows = (await db.query(`${TOKEN_SELECT} WHERE m.tenant_id = $1 AND m.id = $2::uuid`, [
    tenantId,
    mailboxId,
  ])) as TokenRow[];
  if (!rows[0]) return null;
  if (!secretKey)
    throw new ConflictError(`mailbox ${mailboxId} has sealed OAuth tokens but CADENZA_SECRET_KEY is not set`);
  return openRow(secretKey, rows[0]);
}

/**
 * Runs `refresh` with the mailbox's token row locked, so one refresh runs at a time for a mailbox
 * across every process: a caller that waited finds the tokens another one just saved (`current`)
 * and may use them instead of refreshing again. What `refresh` answers is sealed and saved in the
 * same transaction. Its own connection, never a send's transaction: a refresh outlives a rollback.
 */
export async function refreshOAuthTokensLocked(
  db: DataSource,
  secretKey: Buffer | null,
  target: { tenantId: string; mailboxId: string },
  refresh: (current: OAuthMailbox) => Promise<OAuthTokens | null>,
): Promise<OAuthMailbox | null> {
  const key = requireKey(secretKey);
  return db.transaction(async (manager: EntityManager) => {
    const rows = (await manager.query(`${TOKEN_SELECT} WHERE m.tenant_id = $1 AND m.id = $2::uuid FOR UPDATE OF t`, [
      target.tenantId,
      target.mailboxId,
    ])) as TokenRow[];
    if (!rows[0]) return null;
    const current = openRow(key, rows[0]);
    const next = await refresh(current);
    if (!next) return current;
    const sealed = sealTokens(key, next);
    await manager.query(
      `UPDATE mailbox_oauth_tokens SET access_sealed = $2, access_expires_at = $3, refresh_sealed = $4, refreshed_at = now()
       WHERE mailbox_id = $1`,
      [target.mailboxId, sealed.access, next.accessExpiresAt, sealed.refresh],
    );
    return { ...current, tokens: next };
  });
}

/** Where the sync of a Gmail or Microsoft mailbox resumes: a Gmail historyId or a Graph delta link. */
export async function readApiCursor(db: Db, mailboxId: string): Promise<string | null> {
  const rows = (await db.query(`SELECT cursor FROM mailbox_api_cursors WHERE mailbox_id = $1`, [mailboxId])) as Array<{
    cursor: string;
  }>;
  return rows[0]?.cursor ?? null;
}

export async function saveApiCursor(db: Db, tenantId: string, mailboxId: string, cursor: string): Promise<void> {
  await db.query(
    `INSERT INTO mailbox_api_cursors (mailbox_id, tenant_id, cursor) VALUES ($1, $2, $3)
     ON CONFLICT (mailbox_id) DO UPDATE SET cursor = $3, updated_at = now()`,
    [mailboxId, tenantId, cursor],
  );
}

/** The kind of a mailbox of the tenant, or null when it is gone: how the sync picks its source. */
export async function mailboxKindOf(db: Db, tenantId: string, mailboxId: string): Promise<string | null> {
  const rows = (await db.query(`SELECT kind FROM mailboxes WHERE tenant_id = $1 AND id = $2::uuid`, [
    tenantId,
    mailboxId,
  ])) as Array<{ kind: string }>;
  return rows[0]?.kind ?? null;
}
