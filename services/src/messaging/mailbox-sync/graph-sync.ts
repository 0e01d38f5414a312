import type { MailboxPollResult } from '@cadenza/contracts';
import { readApiCursor, recordSyncHealth, saveApiCursor, type OAuthMailbox } from '@cadenza/data';
import { MailApiError } from '../mail-api/api-call';
import {
  graphDeltaPage,
  graphInboxDeltaStart,
  graphMessageMeta,
  graphMessageMime,
  type GraphAccess,
  type GraphMessage,
} from '../mail-api/graph-api';
import { mailboxAccess, providerOf } from '../mail-oauth/mailbox-access';
import { headerAddress, headerMapOf } from './header-address';
import { importMessage, signalPendingImports, type InboundMessage } from './import-message';
import type { ApiSyncDependencies } from './gmail-sync';

/** A delta started from nothing reads this far back (as a Gmail resync does): the rest of the inbox is not ours. */
const DELTA_START_DAYS = 30;

/**
 * Where a Graph sync resumes: the `@odata.nextLink` of a delta round still being read (`more`), or
 * the `@odata.deltaLink` that asks only for what changed since the round ended.
 */
interface GraphCursor {
  link: string;
  more: boolean;
}

export function parseGraphCursor(text: string | null): GraphCursor | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as { link?: unknown; more?: unknown };
    return typeof parsed.link === 'string' && /^https?:\/\//.test(parsed.link)
      ? { link: parsed.link, more: parsed.more === true }
      : null;
  } catch {
    return null;
  }
}

/**
 * One poll of a Microsoft 365 mailbox: one page of the inbox's delta (/me/mailFolders/inbox/
 * messages/delta), from the stored nextLink or deltaLink, or a new round when there is none or
 * Graph answers 410 (the delta token expired). Each new message goes through the same import as
 * IMAP and Gmail mail, keyed by its Graph id; the link is saved after the page.
 */
export async function syncGraphOnce(
  deps: ApiSyncDependencies,
  mailbox: OAuthMailbox,
  batchSize: number,
): Promise<MailboxPollResult> {
  await signalPendingImports(deps, mailbox.id);
  const provider = providerOf(deps.oauth, mailbox);
  const access = mailboxAccess(deps, mailbox);
  const graph = <T>(call: (api: GraphAccess) => Promise<T>) =>
    access.run((accessToken) => call({ baseUrl: provider.apiBaseUrl, accessToken, fetch: deps.egress.fetch }));
  const fresh = () => graphInboxDeltaStart(new Date(Date.now() - DELTA_START_DAYS * 24 * 3600_000));

  const cursor = parseGraphCursor(await readApiCursor(deps.db, mailbox.id));
  let page;
  try {
    page = await graph((api) => graphDeltaPage(api, cursor?.link ?? fresh(), batchSize));
  } catch (error) {
    if (!(cursor && error instanceof MailApiError && error.status === 410)) throw error;
    page = await graph((api) => graphDeltaPage(api, fresh(), batchSize));
  }
  let imported = 0;
  const importing = { id: mailbox.id, tenantId: mailbox.tenantId, address: mailbox.account };
  for (const item of page.value) {
    if (item['@removed']) continue;
    const entry = await graphEntry(graph, item.id);
    if (entry && (await importMessage(deps, importing, entry, 'microsoft'))) imported += 1;
  }
  const next = page['@odata.nextLink']
    ? { link: page['@odata.nextLink'], more: true }
    : page['@odata.deltaLink']
      ? { link: page['@odata.deltaLink'], more: false }
      : null;
  if (!next) throw new MailApiError('Microsoft Graph', 200, 'a delta page without nextLink or deltaLink', null);
  await saveApiCursor(deps.db, mailbox.tenantId, mailbox.id, JSON.stringify(next));
  await recordSyncHealth(deps.db, mailbox.id, { ok: true });
  return { status: 'synced', imported, more: next.more };
}

/** A Graph message as the import sees it (headers now, the MIME source on demand); null when it was deleted meanwhile. */
async function graphEntry(
  graph: <T>(call: (api: GraphAccess) => Promise<T>) => Promise<T>,
  id: string,
): Promise<InboundMessage | null> {
  let meta: GraphMessage;
  try {
    meta = await graph((api) => graphMessageMeta(api, id));
  } catch (error) {
    if (error instanceof MailApiError && error.status === 404) return null;
    throw error;
  }
  const headers = headerMapOf(meta.internetMessageHeaders);
  if (!headers.has('message-id') && meta.internetMessageId) headers.set('message-id', meta.internetMessageId);
  const received = meta.receivedDateTime ? new Date(meta.receivedDateTime) : null;
  return {
    key: { provider: 'graph', id },
    // Graph v1.0 does not say a message's size; the source is read only up to the import's bound.
    size: 0,
    receivedAt: received && !Number.isNaN(received.getTime()) ? received : null,
    from: meta.from?.emailAddress?.address?.toLowerCase() ?? headerAddress(headers.get('from')),
    subject: meta.subject ?? headers.get('subject') ?? null,
    headers,
    source: (maxBytes) => graph((api) => graphMessageMime(api, id, maxBytes)),
  };
}
