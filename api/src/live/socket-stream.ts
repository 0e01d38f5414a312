import type { DomainEvent } from '@cadenza/core';
import type { EventLoader } from './event-loader';

export interface SocketStreamOptions {
  load: EventLoader;
  /** Whether the socket's rooms want this event; every event still advances the cursor. */
  matches: (event: DomainEvent) => boolean;
  send: (event: DomainEvent) => void;
  /** Replay reached the live stream: the client is caught up to `seq`. */
  onCaughtUp: (seq: number) => void;
  /** The log no longer holds events right after the cursor (pruned): the client must refetch. */
  onReset: (seq: number) => void;
  /** Replay could not read the log; the gateway drops the connection and the client resumes by seq. */
  onFailure: (error: unknown) => void;
  /** Resolves when the socket's send buffer has room again, so replay paces itself to the client. */
  waitForRoom?: () => Promise<void>;
  pageSize?: number;
}

/**
 * One socket's view of its tenant's stream: replays the log after the client's last seq,
 * buffering the live events that arrive meanwhile, then switches to live delivery. The
 * cursor only moves forward one seq at a time, so nothing is sent twice or out of order,
 * and a jump in the live stream sends the socket back to the log for what it lacks.
 */
export class SocketStream {
  private cursor = 0;
  /** Set and cleared synchronously, so a live event never slips between the last drain and the switch to live. */
  private replaying = false;
  private replayDone: Promise<void> = Promise.resolve();
  private buffer: DomainEvent[] = [];
  private closed = false;
  /** Until the first resume the cursor is unknown: live events wait in the buffer. */
  private started = false;
  private readonly pageSize: number;

  constructor(private readonly options: SocketStreamOptions) {
    this.pageSize = options.pageSize ?? 500;
  }

  get position(): number {
    return this.cursor;
  }

  /** Starts (or restarts) delivery after `lastSeq`: replays from the log, then goes live. */
  async resume(lastSeq: number): Promise<void> {
    while (this.replaying) await this.replayDone;
    if (this.closed) return;
    this.started = true;
    this.cursor = lastSeq;
    await this.replay();
  }

  /** An event from the tenant's live feed. */
  live(event: DomainEvent): void {
    if (this.closed) return;
    if (!this.started) {
      this.buffer.push(event);
      return;
    }
    if (event.seq <= this.cursor) return;
    if (this.replaying || event.seq > this.cursor + 1) {
      this.buffer.push(event);
      if (!this.replaying) void this.replay();
      return;
    }
    this.deliver(event);
  }

  close(): void {
    this.closed = true;
    this.buffer = [];
  }

  private deliver(event: DomainEvent): void {
    this.cursor = event.seq;
    if (this.options.matches(event)) this.options.send(event);
  }

  private replay(): Promise<void> {
    if (this.replaying) return this.replayDone;
    this.replaying = true;
    this.replayDone = this.replayLoop().catch((error: unknown) => {
      this.replaying = false;
      if (!this.closed) this.options.onFailure(error);
    });
    return this.replayDone;
  }

  private async replayLoop(): Promise<void> {
    for (;;) {
      const page = await this.options.load(this.cursor, this.pageSize);
      if (this.closed) {
        this.replaying = false;
        return;
      }
      const first = page[0];
      if (first && first.seq > this.cursor + 1) {
        // The log is gapless, so a jump here means retention pruned what the client lacks.
        this.cursor = first.seq - 1;
        this.options.onReset(this.cursor);
      }
      for (const event of page) if (event.seq === this.cursor + 1) this.deliver(event);
      if (page.length === this.pageSize) {
        await this.options.waitForRoom?.();
        continue;
      }
      if (this.drainBuffer()) {
        this.replaying = false;
        this.options.onCaughtUp(this.cursor);
        return;
      }
      const next = this.buffer[0];
      if (page.length === 0 && next) {
        // The live stream is ahead of a log that lacks the seqs in between: pruned meanwhile.
        this.cursor = next.seq - 1;
        this.options.onReset(this.cursor);
      }
    }
  }

  /** Delivers buffered live events that continue the cursor; false when one is missing (read the log again). */
  private drainBuffer(): boolean {
    const pending = this.buffer.filter((event) => event.seq > this.cursor).sort((a, b) => a.seq - b.seq);
    this.buffer = [];
    for (const [index, event] of pending.entries()) {
      if (event.seq <= this.cursor) continue;
      if (event.seq > this.cursor + 1) {
        this.buffer = pending.slice(index);
        return false;
      }
      this.deliver(event);
    }
    return true;
  }
}
