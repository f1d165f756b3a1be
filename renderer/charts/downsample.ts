/**
 * Series storage and thinning for drawing. A 100k-step run reports tens of thousands of points; a
 * chart a few hundred pixels wide shows no more than a few hundred, and SVG paths of that size keep
 * hovering and resizing fast. Series are kept as two typed columns (no object per point), so
 * rebuilding them on every metrics batch stays cheap.
 */

/** A point of a series: the value at a training step. */
export interface SeriesPoint {
  readonly step: number;
  readonly value: number;
}

/** A series as columns: `steps[i]` and `values[i]`, in step order, all finite. */
export interface SeriesData {
  readonly steps: Float64Array;
  readonly values: Float64Array;
}

/** How many points a series is drawn with at most. */
export const MAX_POINTS_PER_SERIES = 400;

/** Columns of points. */
export function seriesData(points: readonly SeriesPoint[]): SeriesData {
  return { steps: Float64Array.from(points, (p) => p.step), values: Float64Array.from(points, (p) => p.value) };
}

/** Points of columns (for tests and small series). */
export function toPoints(data: SeriesData): SeriesPoint[] {
  return Array.from(data.steps, (step, i) => ({ step, value: data.values[i]! }));
}

/**
 * Min/max bucketing over `n` values read by `valueAt`: the indices kept, ascending. The interior
 * (indices 1 … n − 2) is cut into ⌊(maxPoints − 2) / 2⌋ runs of consecutive indices and each run
 * keeps its smallest and largest value; the first and last index are always kept. Spikes survive,
 * the global extremes are kept, and at most `maxPoints` indices are returned (at least 2 asked).
 */
export function downsampleIndices(n: number, valueAt: (i: number) => number, maxPoints: number = MAX_POINTS_PER_SERIES): number[] {
  const limit = Math.max(2, Math.floor(maxPoints));
  if (n <= limit) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.floor((limit - 2) / 2);
  if (buckets === 0) return [0, n - 1];
  const interior = n - 2;
  const out: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * interior) / buckets);
    const end = 1 + Math.floor(((b + 1) * interior) / buckets);
    if (end <= start) continue;
    let lo = start;
    let hi = start;
    let loV = valueAt(start);
    let hiV = loV;
    for (let i = start + 1; i < end; i++) {
      const v = valueAt(i);
      if (v < loV) {
        lo = i;
        loV = v;
      }
      if (v > hiV) {
        hi = i;
        hiV = v;
      }
    }
    if (lo === hi) out.push(lo);
    else if (lo < hi) out.push(lo, hi);
    else out.push(hi, lo);
  }
  out.push(n - 1);
  return out;
}

/**
 * {@link downsampleIndices} on an array of points: the points kept. A series already short enough is
 * returned as is.
 */
export function downsampleMinMax<P extends SeriesPoint>(points: readonly P[], maxPoints: number = MAX_POINTS_PER_SERIES): readonly P[] {
  if (points.length <= Math.max(2, Math.floor(maxPoints))) return points;
  return downsampleIndices(points.length, (i) => points[i]!.value, maxPoints).map((i) => points[i]!);
}

/**
 * The index of the step in `steps` (ascending) nearest to `step`, the earlier on a tie; −1 when
 * empty. Binary search: the tooltip calls it on every hover.
 */
export function nearestIndex(steps: ArrayLike<number>, step: number): number {
  const n = steps.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  // Smallest index whose step is ≥ `step`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid]! < step) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  return step - steps[lo - 1]! <= steps[lo]! - step ? lo - 1 : lo;
}

/** The point of a series nearest to `step` ({@link nearestIndex}); undefined when empty. */
export function nearestPoint(data: SeriesData, step: number): SeriesPoint | undefined {
  const i = nearestIndex(data.steps, step);
  return i < 0 ? undefined : { step: data.steps[i]!, value: data.values[i]! };
}
