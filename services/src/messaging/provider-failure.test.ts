import { providerErrorMessage, providerFailure, retryAfterOf } from './provider-failure';

describe('providerFailure', () => {
  it('does not retry a 4xx and keeps the provider message', () => {
    const failure = providerFailure('SendGrid', 400, 'from: invalid');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toBe('SendGrid answered 400: from: invalid');
  });
  it('retries 429 and 5xx, after Retry-After when given', () => {
    const throttled = providerFailure('Twilio', 429, 'Too Many Requests', 7);
    expect(throttled.nonRetryable).toBe(false);
    expect(throttled.nextRetryDelay).toBe('7 seconds');
    expect(providerFailure('Slack', 503, 'down').nonRetryable).toBe(false);
  });
  it('reads provider error bodies and Retry-After', () => {
    expect(providerErrorMessage('{"errors":[{"message":"bad key","field":"api_key"}]}')).toBe('api_key: bad key');
    expect(providerErrorMessage('{"code":21211,"message":"The \'To\' number is not valid","status":400}')).toBe(
      "The 'To' number is not valid",
    );
    expect(providerErrorMessage('invalid_payload')).toBe('invalid_payload');
    expect(retryAfterOf('12')).toBe(12);
    expect(retryAfterOf(null)).toBeNull();
  });
});
