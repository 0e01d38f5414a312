/** The shortest wait before a refresh, so the events of one burst (a frame, a batch) go together. */
const SETTLE_MS = 250;

/**
 * Runs a refresh at most once per `intervalMs`, whatever the rate of requests: the first
 * request schedules it (soon, or when the interval since the last run is over), later ones
 * join it, and the run is told every key asked for meanwhile. Reports are aggregate queries:
 * a campaign's thousand events must cost a few refetches, not a thousand.
 */
export class RefreshThrottle<K extends string> {
  private readonly pending = new Set<K>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastRun = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly run: (keys: K[]) => void,
    private readonly intervalMs: number,
  ) {}

  request(key: K): void {
    this.pending.add(key);
    if (this.timer !== undefined) return;
    const wait = Math.max(SETTLE_MS, this.lastRun + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.fire(), wait);
  }

  /** Drops a scheduled run (the page is gone). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private fire(): void {
    this.timer = undefined;
    this.lastRun = Date.now();
    const keys = [...this.pending];
    this.pending.clear();
    this.run(keys);
  }
}
