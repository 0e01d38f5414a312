/**
 * Runs at most `maxConcurrent` jobs at a time and lets at most `maxWaiting` more wait; a job
 * beyond that is refused at once (`run` rejects with QueueFullError) instead of piling up.
 * Password hashing goes through one of these: argon2 at 64 MiB per hash would otherwise let
 * a burst of sign-ins take every core and all memory while every other request waits.
 */
export class QueueFullError extends Error {
  constructor() {
    super('work queue is full');
  }
}

export interface BoundedWorkQueueLimits {
  maxConcurrent: number;
  maxWaiting: number;
}

export class BoundedWorkQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** The most jobs ever running at once; tests read it to check the bound. */
  peakConcurrent = 0;

  constructor(readonly limits: BoundedWorkQueueLimits) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.maxConcurrent) {
      if (this.waiting.length >= this.limits.maxWaiting) throw new QueueFullError();
      // The finishing job hands its slot over directly, so `running` never dips and refills.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    this.peakConcurrent = Math.max(this.peakConcurrent, this.running);
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
