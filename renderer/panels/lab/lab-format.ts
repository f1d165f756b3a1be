import type { LabEstimator } from '../../../shared/protocol/lab';
import { MINUS } from '../../charts/format';

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10 to an integer power as read: `10⁻⁵`, `10³`, `1` for 10⁰. */
export function formatPowerOfTen(exponent: number): string {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return `10${String(exponent).split('').map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/**
 * A variance (or a norm) with three significant digits, in scientific notation outside [0.01, 10⁴):
 * `1.30`, `2.12 × 10⁻⁵`, `0` for an exact gradient.
 */
export function formatVariance(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 0.01 && a < 1e4) return x.toPrecision(3).replace(/^-/, MINUS);
  const [mantissa, exponent] = x.toExponential(2).split('e') as [string, string];
  return `${mantissa.replace(/^-/, MINUS)} × ${formatPowerOfTen(Number(exponent))}`;
}

/** A cosine with three decimals and the typographic minus: `0.995`, `−0.075`. */
export function formatCosine(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3).replace(/^-/, MINUS) : '—';
}

/** Milliseconds per estimate: `14.6`. */
export function formatMs(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : '—';
}

/** The estimator's setting as the table's third column: the baseline, or the temperature. */
export function estimatorSetting(e: LabEstimator): string {
  if (e.baseline) return e.baseline;
  if (e.temperature !== undefined) return `τ = ${e.temperature}`;
  return '';
}

/** A row's name on the chart: the label, prefixed by the latent when several latents are compared. */
export function rowName(e: LabEstimator, severalLatents: boolean): string {
  return severalLatents ? `${e.latent}: ${e.label}` : e.label;
}
