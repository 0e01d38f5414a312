import type { EgressFetch } from '../net';
import { providerErrorMessage, providerFailure, retryAfterOf } from './provider-failure';

/**
 * Slack incoming webhook. Slack answers 200 "ok", or a 4xx with a plain-text reason such as
 * "invalid_payload" or "channel_not_found", or 429 with Retry-After. Webhooks take no
 * idempotency header; the message row's unique key keeps a retry from posting twice.
 */
export async function postToSlack(
  webhookUrl: string,
  note: { channel: string; text: string; idempotencyKey: string },
  /** The webhook URL is a tenant's input: the egress guard refuses internal targets before connecting. */
  fetchImpl: EgressFetch,
): Promise<void> {
  const response = await fetchImpl(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-idempotency-key': note.idempotencyKey },
    body: JSON.stringify({ channel: note.channel, text: note.text }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) {
    throw providerFailure(
      'Slack',
      response.status,
      providerErrorMessage(await response.text()),
      retryAfterOf(response.headers.get('retry-after')),
    );
  }
}
