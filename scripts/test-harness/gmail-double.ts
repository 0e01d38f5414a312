import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startHttpDouble, type DoubleRequest } from './http-double';
import type { OAuthDouble } from './oauth-double';

interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  raw: string;
  internalDate: number;
  historyId: number;
}

interface Mailbox {
  messages: StoredMessage[];
  history: Array<{ id: number; messageId: string }>;
  /** history.list from before this id answers 404, as Gmail does for ids older than it keeps. */
  oldestHistoryId: number;
}

/** The header block of a raw message as Gmail lists headers (name/value, unfolded). */
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

const idOf = () => randomBytes(8).toString('hex');

/**
 * Gmail's REST API (gmail/v1/users/me) over the mailboxes of the OAuth double's accounts: profile,
 * history.list (messageAdded, 404 for a history id older than kept), messages.list (labelIds, q =
 * rfc822msgid: or anything else ignored), messages.get (metadata with metadataHeaders, raw,
 * minimal), messages.send (raw, threadId). Bearer tokens are checked against the OAuth double (401
 * when expired or unknown); `throttleNext` answers 429 with Retry-After.
 */
export async function startGmailDouble(oauth: OAuthDouble) {
  const mailboxes = new Map<string, Mailbox>();
  let nextHistoryId = 1000;
  const control = {
    throttle: [] as number[],
    sent: [] as Array<{ account: string; raw: string; threadId: string | null }>,
  };

  const mailboxOf = (account: string) => {
    let found = mailboxes.get(account);
    if (!found) {
      found = { messages: [], history: [], oldestHistoryId: 0 };
      mailboxes.set(account, found);
    }
    return found;
  };

  const add = (account: string, raw: string, labelIds: string[], threadId: string | null, receivedAt = new Date()) => {
    const box = mailboxOf(account);
    nextHistoryId += 1;
    const message = {
      id: idOf(),
      threadId: threadId ?? idOf(),
      labelIds,
      raw,
      internalDate: receivedAt.getTime(),
      historyId: nextHistoryId,
    };
    box.messages.push(message);
    box.history.push({ id: nextHistoryId, messageId: message.id });
    return message;
  };

  const gmailError = (res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) =>
    sendJson(res, status, { error: { code: status, message, status: status === 404 ? 'NOT_FOUND' : 'ERROR' } }, extra);

  const route = (request: DoubleRequest, res: ServerResponse, account: string) => {
    const box = mailboxOf(account);
    const q = request.url.searchParams;
    const path = request.url.pathname.replace(/^\/gmail\/v1\/users\/me/, '');
    if (request.method === 'GET' && path === '/profile')
      return sendJson(res, 200, {
        emailAddress: account,
        messagesTotal: box.messages.length,
        historyId: String(nextHistoryId),
      });
    if (request.method === 'GET' && path === '/history') {
      const start = Number(q.get('startHistoryId'));
      if (!Number.isFinite(start) || start < box.oldestHistoryId)
        return gmailError(res, 404, 'Requested entity was not found.');
      const label = q.get('labelId');
      const max = Number(q.get('maxResults') ?? 100);
      const offset = Number(q.get('pageToken') ?? 0);
      const records = box.history
        .filter((record) => record.id > start)
        .flatMap((record) => {
          const message = box.messages.find((m) => m.id === record.messageId);
          if (!message || (label && !message.labelIds.includes(label))) return [];
          return [
            {
              id: String(record.id),
              messages: [{ id: message.id, threadId: message.threadId }],
              messagesAdded: [{ message: { id: message.id, threadId: message.threadId, labelIds: message.labelIds } }],
            },
          ];
        });
      const page = records.slice(offset, offset + max);
      return sendJson(res, 200, {
        ...(page.length ? { history: page } : {}),
        ...(offset + max < records.length ? { nextPageToken: String(offset + max) } : {}),
        historyId: String(nextHistoryId),
      });
    }
    if (request.method === 'GET' && path === '/messages') {
      const labels = q.getAll('labelIds');
      const search = q.get('q') ?? '';
      const wanted = /rfc822msgid:\s*<?([^>\s]+)>?/.exec(search)?.[1];
      const max = Number(q.get('maxResults') ?? 100);
      const offset = Number(q.get('pageToken') ?? 0);
      const found = [...box.messages]
        .reverse()
        .filter((m) => labels.every((label) => m.labelIds.includes(label)))
        .filter((m) => !wanted || headerOf(m.raw, 'Message-ID')?.replace(/[<>]/g, '') === wanted);
      const page = found.slice(offset, offset + max);
      return sendJson(res, 200, {
        ...(page.length ? { messages: page.map((m) => ({ id: m.id, threadId: m.threadId })) } : {}),
        ...(offset + max < found.length ? { nextPageToken: String(offset + max) } : {}),
        resultSizeEstimate: found.length,
      });
    }
    const get = /^\/messages\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && get) {
      const message = box.messages.find((m) => m.id === decodeURIComponent(get[1]!));
      if (!message) return gmailError(res, 404, 'Requested entity was not found.');
      const base = {
        id: message.id,
        threadId: message.threadId,
        labelIds: message.labelIds,
        historyId: String(message.historyId),
        internalDate: String(message.internalDate),
        sizeEstimate: Buffer.byteLength(message.raw),
      };
      const format = q.get('format') ?? 'full';
      if (format === 'raw') return sendJson(res, 200, { ...base, raw: Buffer.from(message.raw).toString('base64url') });
      if (format === 'minimal') return sendJson(res, 200, base);
      const names = q.getAll('metadataHeaders').map((name) => name.toLowerCase());
      const headers = headersOf(message.raw).filter(
        (header) => format !== 'metadata' || names.length === 0 || names.includes(header.name.toLowerCase()),
      );
      return sendJson(res, 200, { ...base, payload: { mimeType: 'text/plain', headers } });
    }
    if (request.method === 'POST' && path === '/messages/send') {
      const body = JSON.parse(request.body) as { raw?: string; threadId?: string };
      if (!body.raw)
        return gmailError(
          res,
          400,
          "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
        );
      const raw = Buffer.from(body.raw, 'base64url').toString('utf8');
      control.sent.push({ account, raw, threadId: body.threadId ?? null });
      const known = body.threadId ? box.messages.some((m) => m.threadId === body.threadId) : false;
      const message = add(account, raw, ['SENT'], known ? body.threadId! : null);
      return sendJson(res, 200, { id: message.id, threadId: message.threadId, labelIds: message.labelIds });
    }
    gmailError(res, 404, `no such method ${request.method} ${path}`);
  };

  const server = await startHttpDouble((request, res) => {
    const account = oauth.accountOf(request.headers.authorization);
    if (!account) return gmailError(res, 401, 'Request had invalid authentication credentials.');
    const retryAfter = control.throttle.shift();
    if (retryAfter !== undefined)
      return gmailError(res, 429, 'User-rate limit exceeded.', { 'retry-after': String(retryAfter) });
    route(request, res, account);
  });

  return {
    ...server,
    sent: control.sent,
    /** Mail arriving in the account's INBOX (a history record of its own); answers its Gmail id. */
    deliver(account: string, raw: string, receivedAt?: Date): string {
      return add(account, raw, ['INBOX', 'UNREAD'], null, receivedAt).id;
    },
    /** The next requests answer 429 with these Retry-After seconds, one each. */
    throttleNext(...retryAfterSeconds: number[]) {
      control.throttle.push(...retryAfterSeconds);
    },
    /** Gmail forgets history before now: a sync from an older history id gets 404 and resyncs in full. */
    forgetHistory(account: string) {
      mailboxOf(account).oldestHistoryId = nextHistoryId + 1;
    },
    threadOf(account: string, rfcMessageId: string): string | null {
      return (
        mailboxOf(account).messages.find((m) => headerOf(m.raw, 'Message-ID')?.replace(/[<>]/g, '') === rfcMessageId)
          ?.threadId ?? null
      );
    },
  };
}

export type GmailDouble = Awaited<ReturnType<typeof startGmailDouble>>;
