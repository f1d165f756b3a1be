/**
 * The mean of the last tenth of a series whose length is not known in advance: the training
 * ELBO a run reports is the mean over its last 10% of steps (round(n / 10), at least one), and a
 * run can be stopped at any step.
 *
 * Keeping every value would grow by 8 bytes a step (80 MB for the 10,000,000 steps a document may
 * ask for). But the window's start, n − round(n / 10), never moves back as n grows, so a value
 * that has fallen before it is never needed again: only the current window is kept, a tenth of
 * the steps so far.
 */
export class TailMean {
  private values: number[] = [];
  /** Index in `values` of the window's first value (those before it are dropped in batches). */
  private head = 0;
  private count = 0;

  push(value: number): void {
    this.values.push(value);
    this.count++;
    this.head += this.windowStart(this.count) - this.windowStart(this.count - 1);
    // Drop the values before the window once they are as many as those kept (amortised O(1)).
    if (this.head > this.values.length - this.head) {
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }

  /** Mean of the last round(n / 10) values (at least one); NaN before the first. */
  mean(): number {
    if (this.count === 0) return Number.NaN;
    let sum = 0;
    for (let i = this.head; i < this.values.length; i++) sum += this.values[i]!;
    return sum / (this.values.length - this.head);
  }

  /** How many values are held (for tests: about a tenth of those pushed, at most twice that). */
  get held(): number {
    return this.values.length;
  }

  private windowStart(n: number): number {
    return n === 0 ? 0 : n - Math.max(1, Math.round(n / 10));
  }
}
