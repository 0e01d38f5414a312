import { patched, setHandler } from '@temporalio/workflow';
import type { FlowSettings, InboundEvent } from '@cadenza/core';
import {
  cancelSignal,
  inboundEventSignal,
  pauseSignal,
  resumeSignal,
  retrySignal,
  skipWaitSignal,
  unenrollSignal,
} from '@cadenza/contracts';

const MAX_KEPT_EVENTS = 100;
/** How many (kind, messageId) pairs a run remembers to refuse a repeated signal. */
const MAX_REMEMBERED_EVENTS = 500;

/**
 * Marks runs that ignore a repeated inbound event (same kind, same message). Histories from
 * before it kept the repeat, and replay them that way: patched() answers false there.
 */
export const INBOUND_EVENT_ONCE_PATCH = 'inbound-event-once';

/**
 * Marks runs that read replies and automatic replies before acting on them (reply triage,
 * issue 22). Asked only when such an event arrives, so a history from before it (a reply kept
 * for the leave rule and the reply wait at once) replays as it was taken.
 */
export const REPLY_TRIAGE_PATCH = 'reply-triage';

/** The two inbound events reply triage reads, each naming the email they answer. */
export type ReadableEvent = Extract<InboundEvent, { kind: 'reply' | 'auto_reply' }> & { messageId: string };

/** A rest reply triage asked for: out of office pauses the run, "not now" snoozes it (then starts it over). */
export interface RunRest {
  until: string;
  reason: 'out_of_office' | 'not_now';
}

/**
 * What makes two inbound events the same: their kind and the message they concern. A sender
 * killed between signalling a run and recording that it did signals it again (the mailbox sync
 * after a worker kill); the run drops the repeat. Events naming no message are never the same.
 */
export function inboundEventKey(event: InboundEvent): string | null {
  return 'messageId' in event && event.messageId ? `${event.kind}:${event.messageId}` : null;
}

/** A reason the run must stop before its next step. */
export interface StopRequest {
  status: 'unenrolled' | 'cancelled';
  reason: string;
}

/**
 * The run's mailbox: signals land here and the interpreter reads them between steps and
 * while it waits. Events are kept until a wait_for_event consumes them.
 */
export class RunControls {
  paused = false;
  skipWaitRequested = false;
  retryRequested = false;
  stop: StopRequest | null = null;
  readonly events: InboundEvent[] = [];
  /** Replies and automatic replies waiting to be read (only with REPLY_TRIAGE_PATCH); kept out of `events` until read. */
  readonly unread: ReadableEvent[] = [];
  /** Set by reply triage: the run rests until then; ops' resume ends it early. */
  rest: RunRest | null = null;
  /** Keys of events received, oldest first, at most MAX_REMEMBERED_EVENTS (a Set keeps insertion order). */
  private readonly received: Set<string>;

  /**
   * `received`: the keys an earlier run of this enrollment remembered (carried across continue-as-new).
   * `readsReplies`: the flow's reply triage is on (settings.replyTriage.enabled).
   */
  constructor(
    private readonly unenrollOn: FlowSettings['unenrollOn'],
    received: readonly string[] = [],
    private readonly readsReplies = false,
  ) {
    this.received = new Set(received.slice(-MAX_REMEMBERED_EVENTS));
  }

  /** The keys to carry into the next run, oldest first. */
  receivedKeys(): string[] {
    return [...this.received];
  }

  install(): void {
    setHandler(pauseSignal, () => void (this.paused = true));
    // Resume also ends a rest reply triage asked for (ops know better than the out-of-office text).
    setHandler(resumeSignal, () => void ((this.paused = false), (this.rest = null)));
    setHandler(skipWaitSignal, () => void (this.skipWaitRequested = true));
    setHandler(retrySignal, () => void (this.retryRequested = true));
    setHandler(cancelSignal, ({ reason }) => void (this.stop ??= { status: 'cancelled', reason }));
    setHandler(
      unenrollSignal,
      ({ reason, detail }) =>
        void (this.stop ??= { status: 'unenrolled', reason: detail ? `${reason}: ${detail}` : reason }),
    );
    setHandler(inboundEventSignal, (event) => {
      if (this.isRepeat(event)) return;
      if (this.toRead(event)) return void this.unread.push(event);
      // Kept for a later wait_for_event (an email opened before the wait still counts); bounded.
      this.keep(event);
    });
  }

  /** A reply or automatic reply this run reads before anything acts on it. Asks the patch only then. */
  private toRead(event: InboundEvent): event is ReadableEvent {
    if (!this.readsReplies || (event.kind !== 'reply' && event.kind !== 'auto_reply') || !event.messageId) return false;
    return patched(REPLY_TRIAGE_PATCH);
  }

  /** Keeps an event that was read and still counts (a reply for the leave rule or a reply wait). */
  keep(event: InboundEvent): void {
    this.events.push(event);
    if (this.events.length > MAX_KEPT_EVENTS) this.events.shift();
  }

  /**
   * True for an event this run has received before. Remembers the event otherwise (bounded:
   * the oldest key goes first). The patch is asked only when a repeat arrives, so runs that
   * never see one carry no marker and a repeat in an old history is replayed as it was taken.
   */
  private isRepeat(event: InboundEvent): boolean {
    const key = inboundEventKey(event);
    if (key === null) return false;
    if (this.received.has(key)) return patched(INBOUND_EVENT_ONCE_PATCH);
    this.received.add(key);
    if (this.received.size > MAX_REMEMBERED_EVENTS) this.received.delete(this.received.values().next().value!);
    return false;
  }

  /**
   * Applies the flow's unenroll rules to events no wait consumed. Called between steps,
   * so an unenrolling event takes effect before the next step.
   */
  applyUnenrollRules(waitingFor?: InboundEvent['kind']): void {
    for (const event of this.events) {
      if (event.kind === waitingFor) continue;
      const rule = (
        {
          reply: this.unenrollOn.reply,
          unsubscribe: this.unenrollOn.unsubscribe,
          bounce: this.unenrollOn.bounce,
        } as Partial<Record<InboundEvent['kind'], boolean>>
      )[event.kind];
      if (rule) this.stop ??= { status: 'unenrolled', reason: event.kind };
    }
  }

  /** The pending stop, read through a call so callers re-read it after every await. */
  stopRequest(): StopRequest | null {
    return this.stop;
  }

  /** Removes and returns the first event that satisfies `matches`. */
  take(matches: (event: InboundEvent) => boolean): InboundEvent | undefined {
    const index = this.events.findIndex(matches);
    return index === -1 ? undefined : this.events.splice(index, 1)[0];
  }
}
