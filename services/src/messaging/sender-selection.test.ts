import { decideSender, leastLoaded, roomOf, type MailboxLoad } from './sender-selection';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const POOL = '00000000-0000-4000-8000-0000000000f0';

const load = (id: string, over: Partial<MailboxLoad> = {}): MailboxLoad => ({
  id,
  limits: { daily: 100, perMinute: 10 },
  usedToday: 0,
  inLastMinute: 0,
  lastSentAt: null,
  ...over,
});

describe('roomOf', () => {
  it('is the smaller of what is left of the daily cap and the minute rate', () => {
    expect(roomOf(load(A, { usedToday: 95 }))).toBe(5);
    expect(roomOf(load(A, { inLastMinute: 7 }))).toBe(3);
    expect(roomOf(load(A, { usedToday: 120 }))).toBe(0);
  });
});

describe('leastLoaded', () => {
  it('picks the member with the most room', () => {
    expect(leastLoaded([load(A, { inLastMinute: 5 }), load(B, { inLastMinute: 2 }), load(C, { usedToday: 98 })])).toBe(
      B,
    );
  });

  it('breaks ties by least recently used, a member that has not sent lately first', () => {
    expect(leastLoaded([load(A, { lastSentAt: 2000 }), load(B, { lastSentAt: 1000 })])).toBe(B);
    expect(leastLoaded([load(A, { lastSentAt: 2000 }), load(B)])).toBe(B);
  });

  it('keeps the given order when nothing else decides, and answers null for an empty pool', () => {
    expect(leastLoaded([load(A), load(B)])).toBe(A);
    expect(leastLoaded([])).toBeNull();
  });

  it('rotates: each send charged to the chosen member moves the next to another', () => {
    const loads = [load(A), load(B), load(C)];
    const picked: string[] = [];
    for (let at = 1; at <= 6; at += 1) {
      const id = leastLoaded(loads)!;
      picked.push(id);
      const chosen = loads.find((entry) => entry.id === id)!;
      chosen.usedToday += 1;
      chosen.inLastMinute += 1;
      chosen.lastSentAt = at;
    }
    expect(picked).toEqual([A, B, C, A, B, C]);
  });
});

describe('decideSender', () => {
  it('the workspace choice uses the workspace default, recording no fallback', () => {
    expect(decideSender({ choice: { kind: 'workspace' } })).toEqual({
      mailboxId: 'workspace_default',
      source: 'workspace',
      fallback: null,
    });
  });

  it("the owner's mailbox, else the workspace default with the reason", () => {
    expect(decideSender({ choice: { kind: 'owner' }, ownerMailboxId: A })).toEqual({
      mailboxId: A,
      source: 'owner',
      fallback: null,
    });
    expect(decideSender({ choice: { kind: 'owner' }, ownerMailboxId: null })).toEqual({
      mailboxId: 'workspace_default',
      source: 'owner',
      fallback: 'the contact owner has no mailbox',
    });
    expect(decideSender({ choice: { kind: 'owner' } }).fallback).toBe('the contact has no owner');
  });

  it('a chosen mailbox, or the default when it was removed', () => {
    expect(decideSender({ choice: { kind: 'mailbox', mailboxId: B }, chosenExists: true }).mailboxId).toBe(B);
    expect(decideSender({ choice: { kind: 'mailbox', mailboxId: B }, chosenExists: false })).toMatchObject({
      mailboxId: 'workspace_default',
      fallback: expect.stringContaining('removed'),
    });
  });

  it('a pool sends from the member this run already used, else the least loaded', () => {
    const loads = [load(A, { inLastMinute: 9 }), load(B)];
    expect(decideSender({ choice: { kind: 'pool', poolId: POOL }, pool: { loads, runMailboxId: A } }).mailboxId).toBe(
      A,
    );
    expect(
      decideSender({ choice: { kind: 'pool', poolId: POOL }, pool: { loads, runMailboxId: null } }).mailboxId,
    ).toBe(B);
    // A member since taken out of the pool no longer holds the run.
    expect(decideSender({ choice: { kind: 'pool', poolId: POOL }, pool: { loads, runMailboxId: C } }).mailboxId).toBe(
      B,
    );
  });

  it('a removed or empty pool falls back to the default, saying so', () => {
    expect(decideSender({ choice: { kind: 'pool', poolId: POOL }, pool: null }).fallback).toContain('removed');
    expect(
      decideSender({ choice: { kind: 'pool', poolId: POOL }, pool: { loads: [], runMailboxId: null } }).fallback,
    ).toContain('no mailboxes');
  });

  it('a threaded follow-up goes from the mailbox of the email it answers, whatever the choice', () => {
    const facts = { choice: { kind: 'pool', poolId: POOL } as const, pool: { loads: [load(B)], runMailboxId: null } };
    expect(decideSender({ ...facts, thread: { mailboxId: A, removed: false } })).toEqual({
      mailboxId: A,
      source: 'thread',
      fallback: null,
    });
    expect(decideSender({ ...facts, thread: { mailboxId: null, removed: false } }).mailboxId).toBe('builtin');
  });

  it("when the thread's mailbox was removed, the choice decides and the message says why", () => {
    expect(
      decideSender({ choice: { kind: 'owner' }, ownerMailboxId: C, thread: { mailboxId: null, removed: true } }),
    ).toEqual({ mailboxId: C, source: 'owner', fallback: 'the mailbox of the email this one answers was removed' });
  });
});
