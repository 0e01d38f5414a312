import type { EmailToCompose } from './compose-email';
import type { EgressFetch } from '../net';
import { providerErrorMessage, providerFailure, retryAfterOf } from './provider-failure';

/** The same message the SMTP path composes; SendGrid gets it as JSON instead of MIME. */
export type SendgridEmail = EmailToCompose;

const TIMEOUT_MS = 15_000;

/**
 * SendGrid v3 mail send. The idempotency key travels as a custom arg (it comes back on
 * every event webhook) and as a header; our Message-ID is set so replies thread to it.
 */
export async function sendWithSendgrid(
  baseUrl: string,
  apiKey: string,
  email: SendgridEmail,
  /** The egress guard's fetch: the base URL is configuration, still never an internal address unless allowed. */
  fetchImpl: EgressFetch,
): Promise<{ providerMessageId: string | null }> {
  const body = {
    personalizations: [{ to: [{ email: email.to }] }],
    from: { email: email.from.address, ...(email.from.name ? { name: email.from.name } : {}) },
    ...(email.replyTo ? { reply_to: { email: email.replyTo } } : {}),
    subject: email.subject,
    content: [
      { type: 'text/plain', value: email.text },
      { type: 'text/html', value: email.html },
    ],
    headers: {
      'Message-ID': `<${email.rfcMessageId}>`,
      'X-Cadenza-Idempotency-Key': email.idempotencyKey,
      ...(email.thread
        ? {
            'In-Reply-To': `<${email.thread.inReplyTo}>`,
            References: email.thread.references.map((id) => `<${id}>`).join(' '),
          }
        : {}),
      ...(email.unsubscribeUrl
        ? { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {}),
    },
    custom_args: { idempotency_key: email.idempotencyKey, message_id: email.rfcMessageId },
  };
  const response = await fetchImpl(`${baseUrl.replace(/\/+$/, '')}/v3/mail/send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) {
    throw providerFailure(
      'SendGrid',
      response.status,
      providerErrorMessage(await response.text()),
      retryAfterOf(response.headers.get('retry-after')),
    );
  }
  return { providerMessageId: response.headers.get('x-message-id') };
}
