import nodemailer from 'nodemailer';
import { NotFoundError, UserError, type MailboxCheckResult } from '@cadenza/core';
import { decryptSecret } from '@cadenza/data';
import type { Db } from '@cadenza/data';
import type { EgressGuard } from '../net';
import { checkOAuthMailbox } from './mail-oauth/check-oauth-mailbox';
import type { MailAccessDependencies } from './mail-oauth/mailbox-access';

const TIMEOUT_MS = 10_000;

interface MailboxConnection {
  kind: 'smtp' | 'sendgrid' | 'gmail' | 'microsoft';
  host: string | null;
  port: number | null;
  secure: boolean;
  username: string | null;
  secret_sealed: string | null;
}

export interface MailboxCheckDependencies {
  db: Db;
  secretKey: Buffer | null;
  /** SendGrid API base URL (a local server in tests). */
  sendgridBaseUrl: string;
  /** The process's egress guard: the check connects where a send would. */
  egress: EgressGuard;
  /** For Gmail and Microsoft 365 mailboxes: their tokens and OAuth apps. */
  oauthAccess?: MailAccessDependencies;
}

/**
 * The one answer for a target that was refused by the egress guard, closed, or unreachable:
 * differing errors per port would make this route a port scanner of the network it runs in.
 */
export const COULD_NOT_CONNECT = 'could not connect to the SMTP server; check the host, port and TLS setting';

/**
 * Tries a mailbox's stored credentials without sending anything: SMTP connects, greets,
 * upgrades to TLS when offered and authenticates; SendGrid asks the API for the key's
 * scopes. A refusal is an answer (ok: false with the provider's words), not an error.
 */
export async function checkMailbox(
  deps: MailboxCheckDependencies,
  tenantId: string,
  mailboxId: string,
): Promise<MailboxCheckResult> {
  const [row] = (await deps.db.query(
    `SELECT kind, host, port, secure, username, secret_sealed FROM mailboxes WHERE tenant_id = $1 AND id = $2::uuid`,
    [tenantId, mailboxId],
  )) as MailboxConnection[];
  if (!row) throw new NotFoundError('mailbox', mailboxId);
  if ((row.kind === 'gmail' || row.kind === 'microsoft') && deps.oauthAccess) {
    const started = Date.now();
    const outcome = await checkOAuthMailbox(deps.oauthAccess, { tenantId, mailboxId });
    return { ...outcome, durationMs: Date.now() - started };
  }
  if (row.secret_sealed && !deps.secretKey) {
    throw new UserError(
      'secret_key_missing',
      'the mailbox secret is sealed and the server has no CADENZA_SECRET_KEY to open it',
      { field: 'CADENZA_SECRET_KEY' },
      409,
    );
  }
  const secret = row.secret_sealed && deps.secretKey ? decryptSecret(deps.secretKey, row.secret_sealed) : null;
  const started = Date.now();
  const egress = deps.egress;
  const outcome =
    row.kind === 'smtp' ? await checkSmtp(egress, row, secret) : await checkSendgrid(deps, egress, secret);
  return { ...outcome, durationMs: Date.now() - started };
}

async function checkSmtp(
  egress: EgressGuard,
  row: MailboxConnection,
  password: string | null,
): Promise<{ ok: boolean; message: string }> {
  const host = row.host ?? 'localhost';
  const port = row.port ?? 587;
  let endpoint;
  try {
    endpoint = await egress.resolve(host, port);
  } catch {
    return { ok: false, message: COULD_NOT_CONNECT };
  }
  const transport = nodemailer.createTransport({
    host: endpoint.address,
    ...(endpoint.servername ? { tls: { servername: endpoint.servername } } : {}),
    port,
    secure: row.secure,
    ...(row.username ? { auth: { user: row.username, pass: password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.verify();
    return { ok: true, message: `SMTP ${host}:${port} accepted the connection${row.username ? ' and the login' : ''}` };
  } catch (error) {
    // A server that answered (a 5xx to the login, say) may be quoted; no answer at all may not.
    const code = (error as { responseCode?: number }).responseCode;
    return { ok: false, message: code ? `SMTP ${host}:${port}: ${(error as Error).message}` : COULD_NOT_CONNECT };
  } finally {
    transport.close();
  }
}

async function checkSendgrid(
  deps: MailboxCheckDependencies,
  egress: EgressGuard,
  apiKey: string | null,
): Promise<{ ok: boolean; message: string }> {
  if (!apiKey) return { ok: false, message: 'the mailbox has no SendGrid API key stored' };
  try {
    const response = await egress.fetch(`${deps.sendgridBaseUrl.replace(/\/+$/, '')}/v3/scopes`, {
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) return { ok: false, message: `SendGrid answered ${response.status}: ${await response.text()}` };
    const body = (await response.json()) as { scopes?: unknown };
    const scopes = Array.isArray(body.scopes) ? (body.scopes as string[]) : [];
    return scopes.includes('mail.send')
      ? { ok: true, message: 'SendGrid accepted the API key, which may send mail' }
      : { ok: false, message: 'SendGrid accepted the API key, but it lacks the mail.send scope' };
  } catch {
    return { ok: false, message: 'SendGrid could not be reached' };
  }
}
