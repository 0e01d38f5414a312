import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startHttpDouble, type DoubleRequest } from './http-double';
import type { OAuthDouble } from './oauth-double';

interface StoredMessage {
  id: string;
  folder: 'inbox' | 'sentitems';
  raw: string;
  receivedAt: Date;
  /** Position in the mailbox's change log: a delta token is "changes after this". */
  seq: number;
}

function headersOf(raw: string): Array<{ name: string; value: string }> {
  const block = raw.split(/\r?\n\r?\n/)[0] ?? '';
  return block
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .flatMap((line) => {
      const match = /^([^:\s]+):\s*(.*)$/.exec(line);
      return match ? [{ name: match[1]!, value: match[2]! }] : [];
    });
}
const headerOf = (raw: string, name: string) =>
  headersOf(raw).find((header) => header.name.toLowerCase() === name.toLowerCase())?.value ?? null;

/**
 * Microsoft Graph (v1.0) over the mailboxes of the OAuth double's accounts: /me, the inbox
 * messages delta (Prefer odata.maxpagesize, @odata.nextLink then @odata.deltaLink, 410 for a
 * delta token older than kept), a message with internetMessageHeaders, its MIME ($value), Sent
 * Items filtered by internetMessageId, and /me/sendMail with base64 MIME. Bearer tokens are
 * checked against the OAuth double (401 when expired or unknown).
 */
export async function startGraphDouble(oauth: OAuthDouble) {
  const mailboxes = new Map<string, { messages: StoredMessage[]; oldestDeltaToken: number }>();
  let seq = 0;
  const sent: Array<{ account: string; raw: string }> = [];
  const mailboxOf = (account: string) => {
    let found = mailboxes.get(account);
    if (!found) mailboxes.set(account, (found = { messages: [], oldestDeltaToken: 0 }));
    return found;
  };
  const add = (account: string, raw: string, folder: StoredMessage['folder'], receivedAt = new Date()) => {
    const message = { id: `AAMk${randomBytes(8).toString('hex')}`, folder, raw, receivedAt, seq: (seq += 1) };
    mailboxOf(account).messages.push(message);
    return message;
  };
  const graphError = (res: ServerResponse, status: number, code: string, message: string) =>
    sendJson(res, status, { error: { code, message } });
  const view = (message: StoredMessage, withHeaders: boolean) => {
    const from = headerOf(message.raw, 'From') ?? '';
    const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
    return {
      id: message.id,
      receivedDateTime: message.receivedAt.toISOString(),
      subject: headerOf(message.raw, 'Subject'),
      from: { emailAddress: { address, name: from.replace(/<[^>]+>/, '').trim() } },
      internetMessageId: headerOf(message.raw, 'Message-ID'),
      ...(withHeaders ? { internetMessageHeaders: headersOf(message.raw) } : {}),
    };
  };

  let baseUrl = '';
  const route = (request: DoubleRequest, res: ServerResponse, account: string) => {
    const box = mailboxOf(account);
    const path = request.url.pathname.replace(/^\/v1\.0/, '');
    const q = request.url.searchParams;
    if (request.method === 'GET' && path === '/me')
      return sendJson(res, 200, { mail: account, userPrincipalName: account.toUpperCase() });
    if (request.method === 'GET' && path === '/me/mailFolders/inbox/messages/delta') {
      const pageSize = Number(/odata\.maxpagesize=(\d+)/.exec(String(request.headers.prefer ?? ''))?.[1] ?? 10);
      const deltaToken = q.get('$deltatoken');
      if (deltaToken !== null && Number(deltaToken) < box.oldestDeltaToken)
        return graphError(res, 410, 'SyncStateNotFound', 'The sync state generation is not found.');
      // A round: the messages after `after`, in pages; `upTo` fixes the round's end where it started.
      const after = Number(q.get('$deltatoken') ?? q.get('after') ?? 0);
      const upTo = Number(q.get('upTo') ?? seq);
      const skip = Number(q.get('$skiptoken') ?? 0);
      const changes = box.messages.filter((m) => m.folder === 'inbox' && m.seq > after && m.seq <= upTo);
      const page = changes.slice(skip, skip + pageSize);
      const link = `${baseUrl}/v1.0/me/mailFolders/inbox/messages/delta`;
      return sendJson(res, 200, {
        value: page.map((m) => view(m, false)),
        ...(skip + pageSize < changes.length
          ? { '@odata.nextLink': `${link}?after=${after}&upTo=${upTo}&$skiptoken=${skip + pageSize}` }
          : { '@odata.deltaLink': `${link}?$deltatoken=${upTo}` }),
      });
    }
    if (request.method === 'GET' && path === '/me/mailFolders/sentitems/messages') {
      const wanted = /internetMessageId eq '([^']+)'/.exec(q.get('$filter') ?? '')?.[1];
      const found = box.messages.filter((m) => m.folder === 'sentitems' && headerOf(m.raw, 'Message-ID') === wanted);
      return sendJson(res, 200, { value: found.slice(0, 1).map((m) => ({ id: m.id })) });
    }
    const one = /^\/me\/messages\/([^/]+)(\/\$value)?$/.exec(path);
    if (request.method === 'GET' && one) {
      const message = box.messages.find((m) => m.id === decodeURIComponent(one[1]!));
      if (!message)
        return graphError(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (one[2]) return res.writeHead(200, { 'content-type': 'text/plain' }).end(message.raw);
      return sendJson(res, 200, view(message, true));
    }
    if (request.method === 'POST' && path === '/me/sendMail') {
      if (!String(request.headers['content-type']).startsWith('text/plain'))
        return graphError(res, 400, 'ErrorMimeContentInvalid', 'MIME content must be base64 text/plain');
      const raw = Buffer.from(request.body, 'base64').toString('utf8');
      if (!headerOf(raw, 'To'))
        return graphError(res, 400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
      sent.push({ account, raw });
      add(account, raw, 'sentitems');
      return res.writeHead(202).end();
    }
    graphError(res, 404, 'UnknownError', `no such resource ${request.method} ${path}`);
  };

  const server = await startHttpDouble((request, res) => {
    const account = oauth.accountOf(request.headers.authorization);
    if (!account)
      return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
    route(request, res, account);
  });
  baseUrl = server.baseUrl;

  return {
    ...server,
    graphBaseUrl: `${server.baseUrl}/v1.0`,
    sent,
    /** Mail arriving in the account's Inbox; answers its Graph id. */
    deliver(account: string, raw: string, receivedAt?: Date): string {
      return add(account, raw, 'inbox', receivedAt).id;
    },
    /** Every delta token issued so far expires: the next delta call with one answers 410. */
    forgetDelta(account: string) {
      mailboxOf(account).oldestDeltaToken = seq + 1;
    },
  };
}

export type GraphDouble = Awaited<ReturnType<typeof startGraphDouble>>;
