import type { MailboxPollResult } from '@cadenza/contracts';
import { readApiCursor, recordSyncHealth, saveApiCursor, type OAuthMailbox } from '@cadenza/data';
import { MailApiError } from '../mail-api/api-call';
import {
  gmailHistory,
  gmailMessageMeta,
  gmailMessageRaw,
  gmailMessages,
  gmailProfile,
  type GmailAccess,
} from '../mail-api/gmail-api';
import { mailboxAccess, providerOf, type MailAccessDependencies } from '../mail-oauth/mailbox-access';
import { gmailCursorText, parseGmailCursor, type GmailCursor } from './gmail-cursor';
import { headerAddress, headerMapOf } from './header-address';
import { DECISION_HEADERS } from './imap-inbox';
import { importMessage, signalPendingImports, type ImportDependencies, type InboundMessage } from './import-message';

export type ApiSyncDependencies = ImportDependencies & MailAccessDependencies;

/** A resync in full reads this far back: a reply to a running sequence is recent mail, the rest of the inbox is not ours. */
const FULL_RESYNC_QUERY = 'newer_than:30d';
const METADATA_HEADERS = [...DECISION_HEADERS, 'from', 'subject'];

/**
 * One poll of a Gmail mailbox: the messages added to its INBOX since the stored historyId
 * (users.history.list), or, with no cursor or one Gmail no longer knows (404), the INBOX listed in
 * full and then history from the id taken before the listing. Each message goes through the same
 * import as IMAP mail, keyed by its Gmail id; the cursor is saved after the batch (a poll killed
 * mid-batch reads it again, and the per-key claim skips what was imported).
 */
export async function syncGmailOnce(
  deps: ApiSyncDependencies,
  mailbox: OAuthMailbox,
  batchSize: number,
): Promise<MailboxPollResult> {
  await signalPendingImports(deps, mailbox.id);
  const provider = providerOf(deps.oauth, mailbox);
  const access = mailboxAccess(deps, mailbox);
  const gmail = <T>(call: (api: GmailAccess) => Promise<T>) =>
    access.run((accessToken) => call({ baseUrl: provider.apiBaseUrl, accessToken, fetch: deps.egress.fetch }));
  const startFull = async (): Promise<GmailCursor> => ({
    mode: 'full',
    historyId: (await gmail(gmailProfile)).historyId,
  });

  let cursor = parseGmailCursor(await readApiCursor(deps.db, mailbox.id)) ?? (await startFull());
  let ids: string[] = [];
  let next: GmailCursor | null = null;
  if (cursor.mode === 'history') {
    const from = cursor;
    try {
      const page = await gmail((api) =>
        gmailHistory(api, { startHistoryId: from.historyId, pageToken: from.pageToken, maxResults: batchSize }),
      );
      const added = (page.history ?? []).flatMap((record) => record.messagesAdded ?? []);
      // Our own sends are added too (label SENT): only what arrived in the INBOX can be a reply.
      ids = added.filter(({ message }) => message.labelIds?.includes('INBOX') ?? true).map(({ message }) => message.id);
      next = page.nextPageToken
        ? { mode: 'history', historyId: from.historyId, pageToken: page.nextPageToken }
        : { mode: 'history', historyId: page.historyId };
    } catch (error) {
      // The history id is older than Gmail keeps (about a week) or otherwise unknown.
      if (!(error instanceof MailApiError && error.status === 404)) throw error;
      cursor = await startFull();
    }
  }
  if (cursor.mode === 'full') {
    const from = cursor;
    const page = await gmail((api) =>
      gmailMessages(api, {
        labelIds: ['INBOX'],
        q: FULL_RESYNC_QUERY,
        pageToken: from.pageToken,
        maxResults: batchSize,
      }),
    );
    ids = (page.messages ?? []).map((message) => message.id);
    next = page.nextPageToken
      ? { mode: 'full', historyId: from.historyId, pageToken: page.nextPageToken }
      : { mode: 'history', historyId: from.historyId };
  }

  let imported = 0;
  const importing = { id: mailbox.id, tenantId: mailbox.tenantId, address: mailbox.account };
  for (const id of [...new Set(ids)]) {
    const entry = await gmailEntry(gmail, id);
    if (entry && (await importMessage(deps, importing, entry, 'gmail'))) imported += 1;
  }
  await saveApiCursor(deps.db, mailbox.tenantId, mailbox.id, gmailCursorText(next!));
  await recordSyncHealth(deps.db, mailbox.id, { ok: true });
  return { status: 'synced', imported, more: next!.pageToken !== undefined };
}

/** A Gmail message as the import sees it (metadata now, the raw source on demand); null when it was deleted meanwhile. */
async function gmailEntry(
  gmail: <T>(call: (api: GmailAccess) => Promise<T>) => Promise<T>,
  id: string,
): Promise<InboundMessage | null> {
  try {
    const meta = await gmail((api) => gmailMessageMeta(api, id, METADATA_HEADERS));
    const headers = headerMapOf(meta.payload?.headers);
    const received = Number(meta.internalDate);
    return {
      key: { provider: 'gmail', id },
      size: meta.sizeEstimate ?? 0,
      receivedAt: Number.isFinite(received) && received > 0 ? new Date(received) : null,
      from: headerAddress(headers.get('from')),
      subject: headers.get('subject') ?? null,
      headers,
      // The raw format comes whole (base64 in JSON); what the import keeps of it is bounded all the same.
      source: async (maxBytes) => (await gmail((api) => gmailMessageRaw(api, id))).subarray(0, maxBytes),
    };
  } catch (error) {
    if (error instanceof MailApiError && error.status === 404) return null;
    throw error;
  }
}
