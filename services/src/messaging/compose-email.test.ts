import { composeEmail } from './compose-email';
import { hasBareLineBreak } from './line-endings';
import { headerOf } from './smtp-sink';

describe('composeEmail', () => {
  const email = {
    from: { name: 'Sam Sales', address: 'sam@acme.test' },
    to: 'arjun@example.com',
    subject: 'Quick question',
    html: '<p>Hi Arjun,</p>\n\n<p>I noticed your team is hiring.</p>\n',
    text: `Hi Arjun,\n\nI noticed your team is hiring ${'and growing '.repeat(12)}\rBest,\nSam`,
    rfcMessageId: 'one@acme.test',
    idempotencyKey: 'run:node:1',
    unsubscribeUrl: 'https://cadenza.test/u/abc',
  };

  it('writes CRLF in every part, whatever the template or the model wrote', async () => {
    const raw = await composeEmail(email);
    expect(hasBareLineBreak(raw)).toBe(false);
    expect(raw).toContain('Hi Arjun,\r\n\r\nI noticed');
  });

  it('carries the idempotency key, one-click unsubscribe and the thread headers', async () => {
    const raw = await composeEmail({
      ...email,
      thread: { inReplyTo: 'first@acme.test', references: ['first@acme.test'] },
    });
    expect(headerOf(raw, 'X-Cadenza-Idempotency-Key')).toBe('run:node:1');
    expect(headerOf(raw, 'List-Unsubscribe')).toBe('<https://cadenza.test/u/abc>');
    expect(headerOf(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(headerOf(raw, 'In-Reply-To')).toBe('<first@acme.test>');
    expect(headerOf(raw, 'Message-ID')).toBe('<one@acme.test>');
  });
});
