import type { SyncingMailbox } from '@cadenza/data';
import type { EgressGuard } from '../../net';
import { connectImap } from './imap-connect';
import { parseHeaderBlock } from './parse-inbound';
import { SCREENING_HEADERS } from './screening-headers';

/** The headers the sync decides on; the body is downloaded only for mail that concerns Cadenza. */
export const DECISION_HEADERS = [
  'message-id',
  'in-reply-to',
  'references',
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'x-autoresponder',
  'precedence',
  'x-auto-response-suppress',
  ...SCREENING_HEADERS,
];

/** One message of the INBOX as the sync first sees it: envelope facts and the deciding headers. */
export interface InboxEntry {
  uid: number;
  size: number;
  /** When the server received it (INTERNALDATE). */
  receivedAt: Date | null;
  from: string | null;
  subject: string | null;
  /** Lower-case names, unfolded values. */
  headers: Map<string, string>;
}

/** An open, selected INBOX. Close it whatever happens. */
export interface ImapInbox {
  folder: { uidValidity: number; uidNext: number };
  entries(fromUid: number, toUid: number): Promise<InboxEntry[]>;
  /** The raw message, or its first `maxBytes` bytes (an IMAP partial fetch). */
  source(uid: number, maxBytes?: number): Promise<Buffer | null>;
  close(): Promise<void>;
}

/**
 * Signs in to the mailbox's IMAP server (egress-guarded, see connectImap) and selects its INBOX
 * read-only (the sync never marks the rep's mail as read).
 */
export async function openImapInbox(mailbox: SyncingMailbox, egress: EgressGuard): Promise<ImapInbox> {
  const client = await connectImap(mailbox, egress);
  try {
    const selected = await client.mailboxOpen('INBOX', { readOnly: true });
    return {
      folder: { uidValidity: Number(selected.uidValidity), uidNext: selected.uidNext },
      async entries(fromUid, toUid) {
        const found: InboxEntry[] = [];
        for await (const message of client.fetch(
          `${fromUid}:${toUid}`,
          { uid: true, size: true, internalDate: true, envelope: true, headers: DECISION_HEADERS },
          { uid: true },
        )) {
          // `n:m` also answers with the highest UID when none is in range; keep the range only.
          if (message.uid < fromUid || message.uid > toUid) continue;
          found.push({
            uid: message.uid,
            size: message.size ?? 0,
            receivedAt: message.internalDate ? new Date(message.internalDate) : null,
            from: message.envelope?.from?.[0]?.address ?? null,
            subject: message.envelope?.subject ?? null,
            headers: parseHeaderBlock(message.headers?.toString('utf8') ?? ''),
          });
        }
        return found.sort((a, b) => a.uid - b.uid);
      },
      async source(uid, maxBytes) {
        const source = maxBytes ? { start: 0, maxLength: maxBytes } : true;
        const message = await client.fetchOne(String(uid), { source }, { uid: true });
        return message ? (message.source ?? null) : null;
      },
      async close() {
        await client.logout().catch(() => client.close());
      },
    };
  } catch (error) {
    client.close();
    throw error;
  }
}
