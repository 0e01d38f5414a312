import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createMailbox } from '@cadenza/data';
import { startMailboxSync } from '@cadenza/services/messaging';
import { demoUsers } from './demo-data';

/** The launcher's local mail: the SMTP sink (which delivers into the local IMAP server) and that IMAP server. */
export interface LocalMail {
  sinkPort: number;
  imapPort: number;
  /** The password every local IMAP mailbox signs in with (development only). */
  imapPassword: string;
  /** Seals the IMAP password like any mailbox secret. */
  secretKey: Buffer;
}

/** The sales rep whose mailbox the demo sends from and reads replies in. */
const demoRep = (userTag?: string) => demoUsers(userTag).find((user) => user.role === 'sales_rep')!;

/**
 * The demo workspace's default mailbox: the sales rep's address, sending through the local SMTP
 * sink and reading replies from the rep's INBOX on the local IMAP server. A reply to a demo
 * email (by any mail client, or "Simulate reply") then takes the real path: SMTP, IMAP, the
 * mailbox sync, matching. Created once; a mailbox the user changed or removed is left alone
 * by later starts (only a fresh seed calls this).
 */
export async function ensureDemoMailbox(
  db: DataSource,
  tenantId: string,
  local: LocalMail,
  userTag?: string,
): Promise<{ id: string; created: boolean }> {
  const rep = demoRep(userTag);
  const [found] = (await db.query(`SELECT id FROM mailboxes WHERE tenant_id = $1 AND lower(from_address) = lower($2)`, [
    tenantId,
    rep.email,
  ])) as Array<{ id: string }>;
  if (found) return { id: found.id, created: false };
  const mailbox = await createMailbox(db, local.secretKey, tenantId, {
    kind: 'smtp',
    name: `${rep.name} (local mail)`,
    fromAddress: rep.email,
    fromName: rep.name,
    host: '127.0.0.1',
    port: local.sinkPort,
    secure: false,
    // The demo sequence sends to its 36 leads at once when the window opens.
    dailyLimit: 1000,
    perMinuteLimit: 60,
    isDefault: true,
    imap: { host: '127.0.0.1', port: local.imapPort, secure: false, username: rep.email, password: local.imapPassword },
  });
  return { id: mailbox.id, created: true };
}

/**
 * Starts (or wakes) the sync of every listening mailbox of the demo workspace. Idempotent (one
 * workflow per mailbox), so every start with the demo calls it: a sync lost with the Temporal
 * data comes back.
 */
export async function listenToDemoMailboxes(
  db: DataSource,
  temporal: { client: Client; taskQueue: string },
  tenantId: string,
): Promise<number> {
  const rows = (await db.query(`SELECT id FROM mailboxes WHERE tenant_id = $1 AND imap_host IS NOT NULL`, [
    tenantId,
  ])) as Array<{ id: string }>;
  for (const { id } of rows) {
    await startMailboxSync({ temporal: temporal.client, taskQueue: temporal.taskQueue }, { tenantId, mailboxId: id });
  }
  return rows.length;
}
