import { describe, expect, it } from 'vitest';
import { MailboxOAuthCallbackSchema, MailboxOAuthStartSchema, type MailboxView } from '@cadenza/core';
import { oauthCallbackBody, oauthStartBody } from './mailbox-oauth-api';
import { mailboxViaLabel } from './mailbox-oauth';
import { replySyncLabel } from './mailboxes-section';

const GMAIL: MailboxView = {
  id: 'm1',
  kind: 'gmail',
  name: 'Gmail: ana@acme.test',
  fromAddress: 'ana@acme.test',
  fromName: null,
  dailyLimit: 1000,
  perMinuteLimit: 10,
  isDefault: false,
  ownerUserId: null,
  host: null,
  port: null,
  secure: true,
  username: null,
  hasSecret: false,
  imap: null,
  sync: { lastSyncAt: null, lastError: null, authFailedAt: null },
  oauth: { account: 'ana@acme.test', connectedAt: '2026-12-01T10:00:00.000Z' },
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

describe('OAuth mailboxes in settings', () => {
  it('hands the redirect query to the API under its names, leaving absent fields out', () => {
    const granted = oauthCallbackBody(new URLSearchParams('state=s1&code=c1&scope=x'));
    expect(granted).toEqual({ state: 's1', code: 'c1' });
    expect(MailboxOAuthCallbackSchema.parse(granted)).toEqual(granted);
    expect(
      oauthCallbackBody(new URLSearchParams('state=s2&error=access_denied&error_description=The+user+denied')),
    ).toEqual({ state: 's2', error: 'access_denied', errorDescription: 'The user denied' });
  });

  it("asks for the caller's own mailbox only when ticked, and a reconnect only names its mailbox", () => {
    expect(oauthStartBody('gmail')).toEqual({ kind: 'gmail' });
    expect(oauthStartBody('microsoft', { personal: true })).toEqual({ kind: 'microsoft', personal: true });
    expect(oauthStartBody('gmail', { personal: false })).toEqual({ kind: 'gmail' });
    const id = '7f6c1e0a-3c1b-4d2e-9f8a-1b2c3d4e5f60';
    expect(oauthStartBody('gmail', { mailboxId: id, personal: true })).toEqual({ kind: 'gmail', mailboxId: id });
    expect(MailboxOAuthStartSchema.parse(oauthStartBody('gmail', { personal: true }))).toEqual({
      kind: 'gmail',
      personal: true,
    });
  });

  it('says how a connected mailbox sends and when its access expired', () => {
    expect(mailboxViaLabel(GMAIL)).toBe('Gmail API (OAuth)');
    expect(replySyncLabel(GMAIL)).toBe('connecting');
    expect(replySyncLabel({ ...GMAIL, sync: { ...GMAIL.sync, authFailedAt: '2026-12-02T10:00:00.000Z' } })).toMatch(
      /^auth expired since /,
    );
    expect(replySyncLabel({ ...GMAIL, oauth: null })).toBe('not read');
  });
});
