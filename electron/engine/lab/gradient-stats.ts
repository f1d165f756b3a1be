/**
 * Running mean and variance of gradient estimates, per parameter, in double precision (Welford's
 * update: sums of squares lose the variance to cancellation when the mean is much larger than the
 * spread, as it is for a good estimator).
 */
export class GradientMoments {
  private readonly m: Float64Array;
  private readonly m2: Float64Array;
  count = 0;

  constructor(readonly size: number) {
    this.m = new Float64Array(size);
    this.m2 = new Float64Array(size);
  }

  add(g: ArrayLike<number>): void {
    if (g.length !== this.size) throw new Error(`internal: a gradient of ${g.length} values, expected ${this.size}`);
    this.count++;
    const n = this.count;
    for (let i = 0; i < this.size; i++) {
      const d = g[i]! - this.m[i]!;
      const m = this.m[i]! + d / n;
      this.m[i] = m;
      this.m2[i] = this.m2[i]! + d * (g[i]! - m);
    }
  }

  get mean(): Float64Array {
    return this.m;
  }

  /** The trace of the estimates' covariance divided by the number of parameters: the mean per-parameter (unbiased) variance. */
  get variance(): number {
    if (this.count < 2) return Number.NaN;
    let s = 0;
    for (let i = 0; i < this.size; i++) s += this.m2[i]!;
    return s / (this.count - 1) / this.size;
  }
}

export function norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s);
}

/** cos(a, b); NaN when either is zero. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  const d = norm(a) * norm(b);
  return d === 0 ? Number.NaN : dot / d;
}
