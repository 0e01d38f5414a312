import { setHandler } from '@temporalio/workflow';
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

  constructor(private readonly unenrollOn: FlowSettings['unenrollOn']) {}

  install(): void {
    setHandler(pauseSignal, () => void (this.paused = true));
    setHandler(resumeSignal, () => void (this.paused = false));
    setHandler(skipWaitSignal, () => void (this.skipWaitRequested = true));
    setHandler(retrySignal, () => void (this.retryRequested = true));
    setHandler(cancelSignal, ({ reason }) => void (this.stop ??= { status: 'cancelled', reason }));
    setHandler(
      unenrollSignal,
      ({ reason, detail }) =>
        void (this.stop ??= { status: 'unenrolled', reason: detail ? `${reason}: ${detail}` : reason }),
    );
    setHandler(inboundEventSignal, (event) => {
      // Kept for a later wait_for_event (an email opened before the wait still counts); bounded.
      this.events.push(event);
      if (this.events.length > MAX_KEPT_EVENTS) this.events.shift();
    });
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
