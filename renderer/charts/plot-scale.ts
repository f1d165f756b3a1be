import type { LatentMapData } from '../../shared/protocol/runs';

/** Axes of the 2-D point plots (latent maps, 2-D samples): extents, nice ticks, labels. */

/** A rectangle of data space. */
export interface Extent {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * The bounding box of flat `[x0, y0, x1, y1, …]` arrays together, ignoring non-finite coordinates.
 * Undefined when there is no finite point.
 */
export function extentOf(...flats: readonly (readonly number[])[]): Extent | undefined {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const flat of flats) {
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const x = flat[i]!;
      const y = flat[i + 1]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  return xMin <= xMax ? { xMin, xMax, yMin, yMax } : undefined;
}

/** A "nice" step (1, 2 or 5 × 10ᵏ) that cuts `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const k = Math.floor(Math.log10(raw));
  const base = 10 ** k;
  const m = raw / base;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
  return nice * base;
}

/** An axis: its domain widened to whole ticks and the tick values. */
export interface LinearAxis {
  readonly domain: [number, number];
  readonly ticks: number[];
}

/**
 * A linear axis over [min, max] with about `count` intervals: domain rounded out to multiples of a
 * nice step, ticks at every step. A zero-width range is widened to ±1 around its value (±|v|/10 for
 * large values).
 */
export function linearAxis(min: number, max: number, count = 5): LinearAxis {
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = Math.max(1, Math.abs(min) / 10);
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, count);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  // Each tick from its index (no running sum), and a tick within rounding of zero is zero: summing
  // −0.6 + 0.2 + 0.2 + 0.2 gives 1.1e-16, which the axis would print.
  const steps = Math.round((hi - lo) / step);
  for (let i = 0; i <= steps; i++) {
    const v = lo + i * step;
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  }
  return { domain: [Number(lo.toPrecision(12)), Number(hi.toPrecision(12))], ticks };
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

/** A number in subscript digits: 12 → "₁₂". */
export function subscript(n: number): string {
  return String(n).replace(/[0-9]/g, (d) => SUBSCRIPTS[Number(d)]!);
}

/**
 * Axis titles of a latent map: the latent's coordinates ("z₁", "z₂") when shown as they are, or the
 * principal components with their share of the variance ("PC 1 (34%)", "PC 2 (12%)").
 */
export function latentAxisLabels(map: Pick<LatentMapData, 'latent' | 'method' | 'explained'>): [string, string] {
  if (map.method === 'identity') return [`${map.latent}${subscript(1)}`, `${map.latent}${subscript(2)}`];
  const pct = (share: number | undefined): string => (share === undefined || !Number.isFinite(share) ? '' : ` (${Math.round(share * 100)}%)`);
  return [`PC 1${pct(map.explained?.[0])}`, `PC 2${pct(map.explained?.[1])}`];
}

/** The distinct labels of a map, ascending. */
export function distinctLabels(labels: readonly number[] | undefined): number[] {
  return labels ? [...new Set(labels)].sort((a, b) => a - b) : [];
}

/** An axis tick of a point plot: up to three significant digits, typographic minus. */
export function formatPlotTick(v: number): string {
  if (v === 0) return '0';
  return String(Number(v.toPrecision(3))).replace(/^-/, '\u2212');
}
