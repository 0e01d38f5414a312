import { describe, expect, it } from 'vitest';
import { MailboxCreateSchema } from '@cadenza/core';
import { optionsOf } from './custom-fields-section';
import { mailboxCreateBody } from './mailboxes-section';

const FORM = {
  kind: 'smtp' as const,
  name: 'Sales',
  fromAddress: 'sales@acme.test',
  fromName: '',
  host: 'smtp.acme.test',
  port: '465',
  secure: true,
  username: '',
  secret: '',
  isDefault: true,
  imapHost: '',
  imapPort: '993',
  imapSecure: true,
};

describe('settings forms', () => {
  it('builds an SMTP mailbox the API schema accepts, leaving out empty optional fields', () => {
    const body = mailboxCreateBody(FORM);
    expect(body).toEqual({
      kind: 'smtp',
      name: 'Sales',
      fromAddress: 'sales@acme.test',
      isDefault: true,
      host: 'smtp.acme.test',
      port: 465,
      secure: true,
    });
    expect(MailboxCreateSchema.safeParse(body).success).toBe(true);
  });

  it('adds IMAP settings, with the SMTP user and password, only when an IMAP host is given', () => {
    const body = mailboxCreateBody({ ...FORM, username: 'sales', secret: 'app-pass', imapHost: 'imap.acme.test' });
    expect(body).toMatchObject({
      imap: { host: 'imap.acme.test', port: 993, secure: true, username: 'sales', password: 'app-pass' },
    });
    expect(MailboxCreateSchema.safeParse(body).success).toBe(true);
    expect(mailboxCreateBody(FORM)).not.toHaveProperty('imap');
  });

  it('sends a SendGrid key as apiKey and never as an SMTP password', () => {
    const body = mailboxCreateBody({ ...FORM, kind: 'sendgrid', secret: 'SG.x', fromName: 'Ana' });
    expect(body).toEqual({
      kind: 'sendgrid',
      name: 'Sales',
      fromAddress: 'sales@acme.test',
      fromName: 'Ana',
      isDefault: true,
      apiKey: 'SG.x',
    });
    expect(MailboxCreateSchema.safeParse(body).success).toBe(true);
  });

  it('splits comma-separated options, dropping blanks', () => {
    expect(optionsOf(' SaaS, Retail ,, Health ')).toEqual(['SaaS', 'Retail', 'Health']);
    expect(optionsOf('')).toEqual([]);
  });
});
