import { describe, expect, it } from 'vitest';
import { MailboxCreateSchema } from '@cadenza/core';
import { optionsOf } from './custom-fields-section';
import { mailboxCreateBody, mailboxOwnerLabel } from './mailboxes-section';
import { mailboxChangeOf } from './mailbox-edit-dialog';

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

  it("asks for an admin's own mailbox only when ticked", () => {
    expect(mailboxCreateBody(FORM)).not.toHaveProperty('personal');
    expect(mailboxCreateBody({ ...FORM, personal: true })).toMatchObject({ personal: true });
    expect(MailboxCreateSchema.safeParse(mailboxCreateBody({ ...FORM, personal: true })).success).toBe(true);
  });

  it('edits send only what changed, and an empty secret keeps the stored one', () => {
    const mailbox = {
      id: 'm1',
      kind: 'smtp' as const,
      name: 'Sales',
      fromAddress: 'sales@acme.test',
      fromName: null,
      dailyLimit: 1000,
      perMinuteLimit: 10,
      isDefault: false,
      ownerUserId: 'u1',
      host: 'smtp.acme.test',
      port: 587,
      secure: false,
      username: null,
      hasSecret: true,
      imap: null,
      sync: { lastSyncAt: null, lastError: null, authFailedAt: null },
      oauth: null,
      createdAt: '',
      updatedAt: '',
    };
    const form = {
      name: 'Sales',
      fromAddress: 'sales@acme.test',
      dailyLimit: '1000',
      perMinuteLimit: '10',
      secret: '',
    };
    expect(mailboxChangeOf(mailbox, form)).toEqual({});
    expect(mailboxChangeOf(mailbox, { ...form, name: 'Mine', dailyLimit: '50', secret: 'new' })).toEqual({
      name: 'Mine',
      dailyLimit: 50,
      secret: 'new',
    });
    expect(mailboxOwnerLabel(mailbox, 'u1', new Map())).toBe('You');
    expect(mailboxOwnerLabel(mailbox, 'u2', new Map([['u1', 'Ada']]))).toBe('Ada');
    expect(mailboxOwnerLabel({ ...mailbox, ownerUserId: null }, 'u1', new Map())).toBe('Workspace');
  });
});
