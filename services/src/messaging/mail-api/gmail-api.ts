import type { EgressFetch } from '../../net';
import { callMailApi } from './api-call';

/** What a Gmail call needs: the API root (GMAIL_API_BASE_URL), a live access token and the guard's fetch. */
export interface GmailAccess {
  baseUrl: string;
  accessToken: string;
  fetch: EgressFetch;
}

export interface GmailMessageMeta {
  id: string;
  threadId: string;
  labelIds?: string[];
  sizeEstimate?: number;
  /** Milliseconds since the epoch, as a string. */
  internalDate?: string;
  payload?: { headers?: Array<{ name: string; value: string }> };
}

const call = async <T>(access: GmailAccess, path: string, init?: Parameters<typeof callMailApi>[4]): Promise<T> => {
  const response = await callMailApi(
    access.fetch,
    'Gmail',
    `${access.baseUrl}/gmail/v1/users/me${path}`,
    access.accessToken,
    init,
  );
  return (await response.json()) as T;
};

const query = (params: Record<string, string | number | string[] | null | undefined>) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, String(one));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** users.getProfile: the account's address and the mailbox's current history id. */
export const gmailProfile = (access: GmailAccess) =>
  call<{ emailAddress: string; historyId: string }>(access, '/profile');

/** users.history.list, messages added since `startHistoryId`. A 404 means the id is too old: resync in full. */
export const gmailHistory = (
  access: GmailAccess,
  request: { startHistoryId: string; pageToken?: string | null; maxResults: number },
) =>
  call<{
    history?: Array<{ id: string; messagesAdded?: Array<{ message: { id: string; labelIds?: string[] } }> }>;
    nextPageToken?: string;
    historyId: string;
  }>(
    access,
    `/history${query({
      startHistoryId: request.startHistoryId,
      historyTypes: 'messageAdded',
      labelId: 'INBOX',
      maxResults: request.maxResults,
      pageToken: request.pageToken,
    })}`,
  );

/** users.messages.list: ids only, newest first. */
export const gmailMessages = (
  access: GmailAccess,
  request: { labelIds?: string[]; q?: string; pageToken?: string | null; maxResults: number },
) =>
  call<{ messages?: Array<{ id: string; threadId: string }>; nextPageToken?: string }>(
    access,
    `/messages${query({
      labelIds: request.labelIds,
      q: request.q,
      maxResults: request.maxResults,
      pageToken: request.pageToken,
    })}`,
  );

/** users.messages.get format=metadata: labels, size, date and the named headers only. */
export const gmailMessageMeta = (access: GmailAccess, id: string, headers: readonly string[]) =>
  call<GmailMessageMeta>(
    access,
    `/messages/${encodeURIComponent(id)}${query({ format: 'metadata', metadataHeaders: [...headers] })}`,
  );

/** users.messages.get format=raw: the RFC 5322 bytes. */
export async function gmailMessageRaw(access: GmailAccess, id: string): Promise<Buffer> {
  const message = await call<{ raw?: string }>(access, `/messages/${encodeURIComponent(id)}?format=raw`);
  return Buffer.from(message.raw ?? '', 'base64url');
}

/** users.messages.send with the message Cadenza composed, so every header (Message-ID, threading, List-Unsubscribe) is ours. */
export const gmailSend = (access: GmailAccess, raw: string, threadId: string | null) =>
  call<{ id: string; threadId: string }>(access, '/messages/send', {
    method: 'POST',
    json: { raw: Buffer.from(raw, 'utf8').toString('base64url'), ...(threadId ? { threadId } : {}) },
  });
