import type { SendLimits, SenderChoice, SenderSource } from '@cadenza/core';

/** A mailbox's use of its caps right now, as the send throttle counts it. */
export interface MailboxLoad {
  id: string;
  limits: SendLimits;
  /** Sends in the current UTC day. */
  usedToday: number;
  /** Sends in the last 60 seconds. */
  inLastMinute: number;
  /** When it last sent (ms since the epoch); null when it has not sent lately. */
  lastSentAt: number | null;
}

/** How many sends a mailbox could make right now: the smaller of what is left of its two caps. */
export const roomOf = (load: MailboxLoad) =>
  Math.max(0, Math.min(load.limits.daily - load.usedToday, load.limits.perMinute - load.inLastMinute));

/**
 * The pool member the next send goes to: the most room under its caps, ties to the least
 * recently used (one that has not sent lately first), then the order given (stable). Null for
 * an empty pool.
 */
export function leastLoaded(loads: readonly MailboxLoad[]): string | null {
  let best: MailboxLoad | null = null;
  for (const load of loads) {
    if (!best) best = load;
    else {
      const room = roomOf(load) - roomOf(best);
      if (room > 0 || (room === 0 && (load.lastSentAt ?? -1) < (best.lastSentAt ?? -1))) best = load;
    }
  }
  return best?.id ?? null;
}

/**
 * What the sender decision is made from, gathered by the caller for the choice at hand (the
 * mailboxes named here are the ones that exist now, in the tenant).
 */
export interface SenderFacts {
  choice: SenderChoice;
  /**
   * A threaded follow-up's parent: the mailbox it went from (null: the built-in sender or a
   * mailbox since removed), or undefined when the send is not a threaded follow-up.
   */
  thread?: { mailboxId: string | null; removed: boolean };
  /** owner: the contact owner's own mailbox (null: none), or undefined when the contact has no owner. */
  ownerMailboxId?: string | null;
  /** mailbox: whether the chosen workspace mailbox still exists. */
  chosenExists?: boolean;
  /** pool: its members' loads (null: the pool was removed), and the member this run already sent from. */
  pool?: { loads: readonly MailboxLoad[]; runMailboxId: string | null } | null;
}

/**
 * The decision: a mailbox by id, the workspace default (which may be the built-in sender when
 * the workspace has no mailbox), or the built-in sender itself (a follow-up of an email it sent).
 */
export interface SenderDecision {
  mailboxId: string | 'workspace_default' | 'builtin';
  source: SenderSource;
  /** Why the choice fell back to the workspace default; null when it did not. */
  fallback: string | null;
}

const toDefault = (source: SenderSource, fallback: string | null): SenderDecision => ({
  mailboxId: 'workspace_default',
  source,
  fallback,
});

/**
 * Who sends. A threaded follow-up goes from the mailbox of the email it answers, so the thread
 * has one sender; otherwise the flow's choice: the workspace default, the owner's mailbox, a
 * chosen mailbox, or a pool member (the one this run already used, else the least loaded). A
 * choice that cannot be honoured falls back to the workspace default and says why.
 */
export function decideSender(facts: SenderFacts): SenderDecision {
  const { choice, thread } = facts;
  if (thread && thread.mailboxId && !thread.removed)
    return { mailboxId: thread.mailboxId, source: 'thread', fallback: null };
  if (thread && thread.mailboxId === null && !thread.removed)
    return { mailboxId: 'builtin', source: 'thread', fallback: null };
  const decided = decideChoice(facts, choice);
  if (thread?.removed && decided.fallback === null) {
    return { ...decided, fallback: 'the mailbox of the email this one answers was removed' };
  }
  return decided;
}

function decideChoice(facts: SenderFacts, choice: SenderChoice): SenderDecision {
  switch (choice.kind) {
    case 'workspace':
      return toDefault('workspace', null);
    case 'owner':
      if (facts.ownerMailboxId) return { mailboxId: facts.ownerMailboxId, source: 'owner', fallback: null };
      return toDefault(
        'owner',
        facts.ownerMailboxId === undefined ? 'the contact has no owner' : 'the contact owner has no mailbox',
      );
    case 'mailbox':
      if (facts.chosenExists) return { mailboxId: choice.mailboxId, source: 'mailbox', fallback: null };
      return toDefault('mailbox', `the chosen mailbox ${choice.mailboxId} was removed`);
    case 'pool': {
      const pool = facts.pool;
      if (!pool) return toDefault('pool', `the rotation pool ${choice.poolId} was removed`);
      const members = pool.loads.map((load) => load.id);
      // A contact keeps its mailbox within a run, so its emails stay with one sender.
      if (pool.runMailboxId && members.includes(pool.runMailboxId)) {
        return { mailboxId: pool.runMailboxId, source: 'pool', fallback: null };
      }
      const next = leastLoaded(pool.loads);
      return next
        ? { mailboxId: next, source: 'pool', fallback: null }
        : toDefault('pool', 'the rotation pool has no mailboxes');
    }
  }
}
