import { describe, expect, it } from 'vitest';
import type { MessageView, Page } from '@cadenza/core';
import { isLoaded, outboxRows, withMessage } from './outbox-pages';

const message = (id: string, createdAt: string, overrides: Partial<MessageView> = {}): MessageView => ({
  id,
  channel: 'email',
  provider: 'sink',
  status: 'sent',
  statusReason: null,
  sender: null,
  contactId: null,
  enrollmentId: null,
  from: null,
  to: 'lead@example.com',
  subject: id,
  text: null,
  rfcMessageId: null,
  providerMessageId: null,
  createdAt,
  sentAt: null,
  openedAt: null,
  clickedAt: null,
  repliedAt: null,
  bouncedAt: null,
  ...overrides,
});
const page = (items: MessageView[], nextCursor: string | null = null): Page<MessageView> => ({ items, nextCursor });

const c = message('c', '2030-01-03T00:00:00.000Z');
const b = message('b', '2030-01-02T00:00:00.000Z');
const a = message('a', '2030-01-01T00:00:00.000Z');

describe('outboxRows', () => {
  it('lists the loaded pages in order, each message once', () => {
    expect(outboxRows([page([c, b], 'next'), page([b, a])]).map((m) => m.id)).toEqual(['c', 'b', 'a']);
    expect(outboxRows(undefined)).toEqual([]);
  });
});

describe('withMessage', () => {
  const pages = [page([c, b], 'next'), page([a])];

  it('slots a message just sent into the first page, newest first, keeping the cursors', () => {
    const d = message('d', '2030-01-04T00:00:00.000Z');
    expect(withMessage(pages, d, {})).toEqual([page([d, c, b], 'next'), page([a])]);
    // Arrived after a newer one was already shown: it goes below it.
    const late = message('late', '2030-01-02T12:00:00.000Z');
    expect(withMessage(pages, late, {})[0]!.items.map((m) => m.id)).toEqual(['c', 'late', 'b']);
  });

  it('replaces a loaded message where it stands when its status changes', () => {
    const opened = { ...a, status: 'opened' as const, openedAt: '2030-02-01T00:00:00.000Z' };
    expect(withMessage(pages, opened, {})).toEqual([pages[0], page([opened])]);
  });

  it('leaves out a new message the channel filter hides, and adds nothing before the first page', () => {
    const sms = message('sms', '2030-01-05T00:00:00.000Z', { channel: 'sms' });
    expect(withMessage(pages, sms, { channel: 'email' })).toEqual(pages);
    expect(withMessage(pages, sms, { channel: 'sms' })[0]!.items[0]).toBe(sms);
    expect(withMessage([], sms, {})).toEqual([]);
  });
});

describe('isLoaded', () => {
  it('finds a message on any loaded page', () => {
    expect(isLoaded([page([c]), page([a])], 'a')).toBe(true);
    expect(isLoaded([page([c])], 'a')).toBe(false);
    expect(isLoaded(undefined, 'a')).toBe(false);
  });
});
