import { ApplicationFailure } from '@temporalio/common';

/**
 * How a provider's HTTP answer becomes an activity failure: a 4xx (but 429) will not get
 * better by retrying, so it fails the step at once with the provider's own message; a 429
 * or 5xx is retried, after the provider's Retry-After when it gives one.
 */
export function providerFailure(
  provider: string,
  status: number,
  message: string,
  retryAfterSeconds?: number | null,
): ApplicationFailure {
  const text = `${provider} answered ${status}: ${message}`.slice(0, 1000);
  if (status >= 400 && status < 500 && status !== 429) {
    return ApplicationFailure.create({ message: text, type: 'ProviderRejected', nonRetryable: true });
  }
  return ApplicationFailure.create({
    message: text,
    type: status === 429 ? 'ProviderThrottled' : 'ProviderUnavailable',
    nonRetryable: false,
    ...(retryAfterSeconds ? { nextRetryDelay: `${retryAfterSeconds} seconds` } : {}),
  });
}

/** Reads Retry-After given in seconds (the HTTP-date form is rare from APIs and ignored). */
export const retryAfterOf = (header: string | null) => {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) : null;
};

/** The most useful message in a provider's JSON error body: SendGrid errors[], Twilio message, or the text. */
export function providerErrorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ message?: string; field?: string }>; message?: string };
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      return parsed.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
    }
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON (Slack answers plain text such as "invalid_payload").
  }
  return body.trim().slice(0, 500) || '(empty body)';
}
