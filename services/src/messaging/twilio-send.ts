import type { EgressFetch } from '../net';
import { providerErrorMessage, providerFailure, retryAfterOf } from './provider-failure';

export interface TwilioAccount {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}

/**
 * Twilio Messages API (form-encoded POST). The idempotency key goes in Twilio's
 * I-Twilio-Idempotency-Token header, so a retried request is not a second SMS.
 */
export async function sendWithTwilio(
  account: TwilioAccount,
  sms: { to: string; body: string; idempotencyKey: string },
  fetchImpl: EgressFetch,
): Promise<{ providerMessageId: string | null }> {
  const from: Record<string, string> = account.from.startsWith('MG')
    ? { MessagingServiceSid: account.from }
    : { From: account.from };
  const response = await fetchImpl(
    `${account.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Messages.json`,
    {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        'i-twilio-idempotency-token': sms.idempotencyKey,
      },
      body: new URLSearchParams({ To: sms.to, Body: sms.body, ...from }).toString(),
      signal: AbortSignal.timeout(15_000),
    },
  );
  const text = await response.text();
  if (!response.ok) {
    throw providerFailure(
      'Twilio',
      response.status,
      providerErrorMessage(text),
      retryAfterOf(response.headers.get('retry-after')),
    );
  }
  return { providerMessageId: (JSON.parse(text) as { sid?: string }).sid ?? null };
}
