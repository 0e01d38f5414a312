import type { EgressFetch } from '../../net';
import { callMailApi, MailApiError, readBounded } from './api-call';

/** What a Graph call needs: the API root with its version (MICROSOFT_GRAPH_BASE_URL), a live access token and the guard's fetch. */
export interface GraphAccess {
  baseUrl: string;
  accessToken: string;
  fetch: EgressFetch;
}

export interface GraphMessage {
  id: string;
  receivedDateTime?: string;
  subject?: string | null;
  from?: { emailAddress?: { address?: string; name?: string } } | null;
  internetMessageId?: string;
  internetMessageHeaders?: Array<{ name: string; value: string }>;
  '@removed'?: unknown;
}

export interface GraphDeltaPage {
  value: GraphMessage[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

const call = async (access: GraphAccess, pathOrUrl: string, init?: Parameters<typeof callMailApi>[4]) => {
  const url = pathOrUrl.startsWith('/') ? `${access.baseUrl}${pathOrUrl}` : pathOrUrl;
  return callMailApi(access.fetch, 'Microsoft Graph', url, access.accessToken, init);
};
const json = async <T>(access: GraphAccess, path: string) => (await (await call(access, path)).json()) as T;

/** /me: the account's address (its mailbox address, else its sign-in name). */
export async function graphAccountAddress(access: GraphAccess): Promise<string> {
  const me = await json<{ mail?: string | null; userPrincipalName?: string }>(
    access,
    '/me?$select=mail,userPrincipalName',
  );
  const address = me.mail ?? me.userPrincipalName;
  if (!address) throw new MailApiError('Microsoft Graph', 200, 'the account has no email address', null);
  return address;
}

/** The first delta page of the inbox, from `since` on (Graph filters a messages delta by receivedDateTime only). */
export const graphInboxDeltaStart = (since: Date) =>
  `/me/mailFolders/inbox/messages/delta?${new URLSearchParams({
    $select: 'id,receivedDateTime,subject,from,internetMessageId',
    $filter: `receivedDateTime ge ${since.toISOString()}`,
  }).toString()}`;

/**
 * One page of the inbox delta: a path to start, or a nextLink / deltaLink Graph gave before (links
 * must stay on the configured Graph origin: the guard checks the address, this checks the service).
 * A 410 means the delta token expired: start again.
 */
export async function graphDeltaPage(
  access: GraphAccess,
  pathOrLink: string,
  pageSize: number,
): Promise<GraphDeltaPage> {
  if (!pathOrLink.startsWith('/') && new URL(pathOrLink).origin !== new URL(access.baseUrl).origin)
    throw new MailApiError(
      'Microsoft Graph',
      410,
      `a delta link off ${new URL(access.baseUrl).origin} was not followed`,
      null,
    );
  const response = await callMailApi(
    access.fetch,
    'Microsoft Graph',
    pathOrLink.startsWith('/') ? `${access.baseUrl}${pathOrLink}` : pathOrLink,
    access.accessToken,
    { headers: { prefer: `odata.maxpagesize=${pageSize}` } },
  );
  return (await response.json()) as GraphDeltaPage;
}

/** A message's headers and envelope facts. */
export const graphMessageMeta = (access: GraphAccess, id: string) =>
  json<GraphMessage>(
    access,
    `/me/messages/${encodeURIComponent(id)}?$select=id,receivedDateTime,subject,from,internetMessageId,internetMessageHeaders`,
  );

/** The MIME source of a message ($value). */
export async function graphMessageMime(access: GraphAccess, id: string, maxBytes: number): Promise<Buffer> {
  const response = await call(access, `/me/messages/${encodeURIComponent(id)}/$value`);
  return readBounded(response, maxBytes);
}

/** The message in Sent Items with this Message-ID, if Graph has it (a retried send looks before sending again). */
export async function graphSentMessage(access: GraphAccess, rfcMessageId: string): Promise<{ id: string } | null> {
  const filter = `internetMessageId eq '<${rfcMessageId.replace(/'/g, "''")}>'`;
  const page = await json<{ value?: Array<{ id: string }> }>(
    access,
    `/me/mailFolders/sentitems/messages?${new URLSearchParams({ $filter: filter, $select: 'id', $top: '1' }).toString()}`,
  );
  return page.value?.[0] ?? null;
}

/** /me/sendMail with the MIME message Cadenza composed (base64, text/plain), so our Message-ID and threading headers stay. */
export async function graphSendMime(access: GraphAccess, raw: string): Promise<void> {
  const response = await call(access, '/me/sendMail', {
    method: 'POST',
    body: Buffer.from(raw, 'utf8').toString('base64'),
    contentType: 'text/plain',
  });
  await response.body?.cancel();
}
