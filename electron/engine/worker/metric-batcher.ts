import type { MetricRecord } from './messages';

/** Options of a {@link MetricBatcher}; the clock and timer are injectable for tests. */
export interface MetricBatcherOptions {
  /** Minimum time between two flushes, in ms (default 100: at most ~10 flushes a second). */
  readonly intervalMs?: number;
  /** Current time in ms (default `performance.now`). */
  readonly now?: () => number;
  /**
   * Arranges a call after `ms`, returning a cancel function. Used so records pushed just after a
   * flush are not held back indefinitely when no further record arrives. Default `setTimeout`
   * (unref'd so a pending flush never keeps a process alive); pass `null` for none.
   */
  readonly schedule?: ((fn: () => void, ms: number) => () => void) | null;
}

const defaultSchedule = (fn: () => void, ms: number): (() => void) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

/**
 * Collects metric records and hands them on in batches, at most once per `intervalMs` however
 * fast they arrive: posting every report across a thread (and re-rendering charts for each)
 * would cost more than the training step itself on small models. Call {@link flush} at pause,
 * stop and the end of a run so no record is lost.
 */
export class MetricBatcher {
  private pending: MetricRecord[] = [];
  private lastFlush = Number.NEGATIVE_INFINITY;
  private cancelTimer: (() => void) | null = null;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly schedule: ((fn: () => void, ms: number) => () => void) | null;

  constructor(private readonly send: (batch: MetricRecord[]) => void, options: MetricBatcherOptions = {}) {
    this.intervalMs = options.intervalMs ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.schedule = options.schedule === undefined ? defaultSchedule : options.schedule;
  }

  /** Adds a record; sends the batch at once if the last flush is at least `intervalMs` old. */
  push(record: MetricRecord): void {
    this.pending.push(record);
    const wait = this.lastFlush + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else if (!this.cancelTimer && this.schedule) this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      this.flush();
    }, wait);
  }

  /** Sends whatever is pending now (nothing if empty), regardless of the rate limit. */
  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.lastFlush = this.now();
    this.send(batch);
  }

  /** Records waiting for the next flush. */
  get size(): number {
    return this.pending.length;
  }
}
