import { inboundWebhookAuthorized } from './inbound-webhook-auth';

const secret = 'a-long-shared-secret-value';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('inboundWebhookAuthorized', () => {
  it('accepts the secret as a basic-auth password or a token query parameter', () => {
    expect(inboundWebhookAuthorized(secret, { authorization: basic('sendgrid', secret) })).toBe(true);
    expect(inboundWebhookAuthorized(secret, { token: secret })).toBe(true);
  });

  it('refuses a wrong, missing or partial secret, and everything when none is configured', () => {
    expect(inboundWebhookAuthorized(secret, {})).toBe(false);
    expect(inboundWebhookAuthorized(secret, { authorization: basic('sendgrid', 'wrong') })).toBe(false);
    expect(inboundWebhookAuthorized(secret, { authorization: basic(secret, '') })).toBe(false);
    expect(inboundWebhookAuthorized(secret, { token: secret.slice(0, -1) })).toBe(false);
    expect(inboundWebhookAuthorized(secret, { token: [secret] })).toBe(false);
    expect(inboundWebhookAuthorized(secret, { authorization: `Bearer ${secret}` })).toBe(false);
    expect(inboundWebhookAuthorized(null, { token: '' })).toBe(false);
  });
});
