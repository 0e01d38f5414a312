import { ApplicationFailure } from '@temporalio/common';
import { oauthMailbox } from '@cadenza/data';
import {
  mailboxAccess,
  MailboxAuthExpired,
  providerOf,
  type MailAccessDependencies,
} from '../mail-oauth/mailbox-access';
import { TokenEndpointError } from '../mail-oauth/token-endpoint';
import { providerFailure } from '../provider-failure';
import { MailApiError } from './api-call';
import { gmailMessages, gmailSend, type GmailAccess } from './gmail-api';
import { graphSendMime, graphSentMessage, type GraphAccess } from './graph-api';

/** What Cadenza composed: the raw RFC 5322 message, its Message-ID, and the thread it answers. */
export interface ComposedEmail {
  raw: string;
  rfcMessageId: string;
  thread?: { inReplyTo: string; references: string[] } | undefined;
}

/**
 * Sends a composed email through a gmail or microsoft mailbox's API with a live access token
 * (refreshed when expired or refused). Once per Message-ID: a retried send whose earlier attempt
 * reached the provider (the worker died before the message row committed) finds its message (Gmail
 * `rfc822msgid:`, Graph Sent Items by internetMessageId) and does not send it again. A Gmail
 * follow-up joins its parent's thread; Outlook threads by our In-Reply-To/References. Failures follow the provider rules:
 * 4xx final, 429/5xx retried (after Retry-After), a revoked grant final and the mailbox marked.
 */
export async function sendWithMailApi(
  deps: MailAccessDependencies,
  target: { tenantId: string; mailboxId: string },
  email: ComposedEmail,
): Promise<{ providerMessageId: string }> {
  const mailbox = await oauthMailbox(deps.db, deps.secretKey, target.tenantId, target.mailboxId);
  if (!mailbox)
    throw ApplicationFailure.create({
      message: `mailbox ${target.mailboxId} is not connected: reconnect it in Settings → Mailboxes`,
      type: 'MailboxAuthExpired',
      nonRetryable: true,
    });
  try {
    const provider = providerOf(deps.oauth, mailbox);
    const access = mailboxAccess(deps, mailbox);
    if (mailbox.kind === 'microsoft') {
      const graph = <T>(call: (api: GraphAccess) => Promise<T>) =>
        access.run((accessToken) => call({ baseUrl: provider.apiBaseUrl, accessToken, fetch: deps.egress.fetch }));
      const already = await graph((api) => graphSentMessage(api, email.rfcMessageId));
      if (already) return { providerMessageId: already.id };
      // sendMail answers 202 with no id: the Message-ID is how the message is found (and threaded) later.
      await graph((api) => graphSendMime(api, email.raw));
      return { providerMessageId: email.rfcMessageId };
    }
    const gmail = <T>(call: (api: GmailAccess) => Promise<T>) =>
      access.run((accessToken) => call({ baseUrl: provider.apiBaseUrl, accessToken, fetch: deps.egress.fetch }));
    const findByMessageId = async (rfcId: string) =>
      (await gmail((api) => gmailMessages(api, { q: `rfc822msgid:${rfcId}`, maxResults: 1 }))).messages?.[0] ?? null;
    const already = await findByMessageId(email.rfcMessageId);
    if (already) return { providerMessageId: already.id };
    const parent = email.thread ? await findByMessageId(email.thread.inReplyTo) : null;
    const sent = await gmail((api) => gmailSend(api, email.raw, parent?.threadId ?? null));
    return { providerMessageId: sent.id };
  } catch (error) {
    if (error instanceof MailboxAuthExpired)
      throw ApplicationFailure.create({
        message: `${error.message} (Settings → Mailboxes → Reconnect)`,
        type: 'MailboxAuthExpired',
        nonRetryable: true,
      });
    if (error instanceof MailApiError)
      throw providerFailure(error.provider, error.status, error.detail, error.retryAfterSeconds);
    // Not invalid_grant: the token endpoint's outage or throttle, retried like any provider's.
    if (error instanceof TokenEndpointError)
      throw providerFailure(`${error.provider} token endpoint`, 503, error.message);
    throw error;
  }
}
