import {
  ConflictError,
  UserError,
  type MessagingProviderKind,
  type MessagingProvidersView,
  type SlackSettingsWrite,
  type TwilioSettingsWrite,
} from '@cadenza/core';
import type { DataSource } from 'typeorm';
import { decryptSecret, encryptSecret } from '../auth/secret-box';
import type { Db } from '../crm/crm-write';
import { recordAudit, type AuditContext } from '../audit/record-audit';
import { changedFields, withReplacedSecrets } from '../audit/changed-fields';

interface ProviderRow {
  kind: MessagingProviderKind;
  settings: { accountSid?: string; from?: string };
  secret_sealed: string;
  updated_at: Date;
}

/** A tenant's providers as the sender needs them, secrets opened. Never leaves the worker. */
export interface SendingProviders {
  twilio: { accountSid: string; authToken: string; from: string } | null;
  slackWebhookUrl: string | null;
}

const rowsOf = async (db: Db, tenantId: string) =>
  (await db.query(`SELECT kind, settings, secret_sealed, updated_at FROM messaging_providers WHERE tenant_id = $1`, [
    tenantId,
  ])) as ProviderRow[];

/**
 * What the API shows: the Twilio SID and sender, that a token or webhook is stored (never
 * their values), and where SMS and Slack sends go now, given what the environment configures.
 */
export async function getMessagingProviders(
  db: Db,
  tenantId: string,
  environment: { twilio: boolean; slack: boolean },
): Promise<MessagingProvidersView> {
  const rows = await rowsOf(db, tenantId);
  const twilio = rows.find((row) => row.kind === 'twilio');
  const slack = rows.find((row) => row.kind === 'slack');
  const sendsTo = (tenant: unknown, env: boolean) => (tenant ? 'tenant' : env ? 'environment' : 'outbox');
  return {
    twilio: twilio
      ? {
          accountSid: twilio.settings.accountSid ?? '',
          from: twilio.settings.from ?? '',
          hasAuthToken: true,
          updatedAt: twilio.updated_at.toISOString(),
        }
      : null,
    slack: slack ? { hasWebhookUrl: true, updatedAt: slack.updated_at.toISOString() } : null,
    sendsTo: { sms: sendsTo(twilio, environment.twilio), slack: sendsTo(slack, environment.slack) },
  };
}

function requireKey(key: Buffer | null): Buffer {
  if (key) return key;
  throw new UserError(
    'secret_key_missing',
    'provider secrets are encrypted at rest and the server has no CADENZA_SECRET_KEY; ask the operator to set it',
    { field: 'CADENZA_SECRET_KEY' },
    409,
  );
}

async function upsert(
  db: DataSource,
  tenantId: string,
  kind: MessagingProviderKind,
  settings: Record<string, unknown>,
  sealed: string,
  audit: AuditContext | undefined,
): Promise<void> {
  await db.transaction(async (manager) => {
    const [previous] = (await manager.query(
      `SELECT settings FROM messaging_providers WHERE tenant_id = $1 AND kind = $2 FOR UPDATE`,
      [tenantId, kind],
    )) as Array<{ settings: Record<string, unknown> }>;
    await manager.query(
      `INSERT INTO messaging_providers (tenant_id, kind, settings, secret_sealed) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, kind) DO UPDATE SET settings = EXCLUDED.settings,
         secret_sealed = EXCLUDED.secret_sealed, updated_at = now()`,
      [tenantId, kind, JSON.stringify(settings), sealed],
    );
    if (!audit) return;
    // The token or webhook URL is always written anew: recorded as replaced, never as itself.
    const secretName = kind === 'twilio' ? 'authToken' : 'webhookUrl';
    const change = previous
      ? withReplacedSecrets(changedFields(previous.settings, settings), { [secretName]: true })
      : { before: null, after: { ...settings, [secretName]: '(set)' } };
    await recordAudit(manager, audit, {
      action: previous ? 'update' : 'create',
      entity: 'messaging_provider',
      entityId: kind,
      ...change,
    });
  });
}

export async function setTwilioSettings(
  db: DataSource,
  secretKey: Buffer | null,
  tenantId: string,
  input: TwilioSettingsWrite,
  audit?: AuditContext,
): Promise<void> {
  const sealed = encryptSecret(requireKey(secretKey), input.authToken);
  await upsert(db, tenantId, 'twilio', { accountSid: input.accountSid, from: input.from }, sealed, audit);
}

export async function setSlackSettings(
  db: DataSource,
  secretKey: Buffer | null,
  tenantId: string,
  input: SlackSettingsWrite,
  audit?: AuditContext,
): Promise<void> {
  await upsert(db, tenantId, 'slack', {}, encryptSecret(requireKey(secretKey), input.webhookUrl), audit);
}

/** Removes a provider; sends fall back to the environment's, else the outbox. Answers whether one was set. */
export async function clearMessagingProvider(
  db: DataSource,
  tenantId: string,
  kind: MessagingProviderKind,
  audit?: AuditContext,
): Promise<boolean> {
  return db.transaction(async (manager) => {
    const [rows] = (await manager.query(
      `DELETE FROM messaging_providers WHERE tenant_id = $1 AND kind = $2 RETURNING settings`,
      [tenantId, kind],
    )) as [Array<{ settings: Record<string, unknown> }>, number];
    const removed = rows[0];
    if (removed && audit) {
      await recordAudit(manager, audit, {
        action: 'delete',
        entity: 'messaging_provider',
        entityId: kind,
        before: removed.settings,
        after: null,
      });
    }
    return removed !== undefined;
  });
}

/** The tenant's own providers, secrets opened here, in the worker, and nowhere else. */
export async function providersForSending(
  db: Db,
  secretKey: Buffer | null,
  tenantId: string,
): Promise<SendingProviders> {
  const rows = await rowsOf(db, tenantId);
  if (rows.length > 0 && !secretKey) {
    throw new ConflictError(
      'the tenant has SMS or Slack settings sealed, but CADENZA_SECRET_KEY is not set on the worker',
    );
  }
  const open = (row: ProviderRow) => decryptSecret(secretKey!, row.secret_sealed);
  const twilio = rows.find((row) => row.kind === 'twilio');
  const slack = rows.find((row) => row.kind === 'slack');
  return {
    twilio: twilio
      ? { accountSid: twilio.settings.accountSid ?? '', authToken: open(twilio), from: twilio.settings.from ?? '' }
      : null,
    slackWebhookUrl: slack ? open(slack) : null,
  };
}
