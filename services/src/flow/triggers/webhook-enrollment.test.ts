import { webhookEmail } from './webhook-enrollment';

describe('webhookEmail', () => {
  it('prefers the top-level email, else follows the trigger path into the payload', () => {
    expect(webhookEmail({ email: 'a@x.io', data: { email: 'b@x.io' } }, 'data.email')).toBe('a@x.io');
    expect(webhookEmail({ data: { contact: { email: 'b@x.io' } } }, 'data.contact.email')).toBe('b@x.io');
  });

  it('finds nothing when the path is missing or holds no email', () => {
    expect(webhookEmail({ data: {} }, 'data.email')).toBeNull();
    expect(webhookEmail({ data: { email: 42 } }, 'data.email')).toBeNull();
    expect(webhookEmail({ data: { email: 'not an email' } }, 'data.email')).toBeNull();
  });
});
