/**
 * How the training dock writes numbers: nats, learning rates, steps, rates and durations. Display
 * text only (never parsed back); negative numbers use the typographic minus sign (U+2212).
 */

/** The minus sign used in displayed numbers. */
export const MINUS = '\u2212';

const grouped2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const grouped0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function withMinus(text: string): string {
  return text.replace(/^-/, MINUS);
}

/** A value in nats, two decimals, grouped thousands: `−93.41`, `−1,234.50`. Non-finite values read "—". */
export function formatNats(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const text = grouped2.format(value);
  return text === '-0.00' ? '0.00' : withMinus(text);
}

/** A learning rate in exponent form with three significant digits: `1.00e-3`, `2.50e-4`. */
export function formatLearningRate(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return withMinus(value.toExponential(2));
}

const threeSignificant = new Intl.NumberFormat('en-US', { minimumSignificantDigits: 3, maximumSignificantDigits: 3 });

/** A plain quantity (β, a temperature) with three significant digits: `0.500`, `1.00`, `0.0125`, `1,230`. */
export function formatSignificant(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const text = threeSignificant.format(value);
  return text === '-0.00' ? '0.00' : withMinus(text);
}

/** A step number with grouped thousands: `12,345`. */
export function formatStep(step: number): string {
  return Number.isFinite(step) ? grouped0.format(step) : '—';
}

/** Trims a number printed with `digits` significant digits: `1.50` → `1.5`, `100.0` → `100`. */
function significant(value: number, digits: number): string {
  return String(Number(value.toPrecision(digits)));
}

/** An axis tick for steps: `0`, `500`, `1k`, `1.5k`, `20k`, `1.2M`. */
export function formatStepTick(step: number): string {
  const a = Math.abs(step);
  if (a >= 1e6) return `${significant(step / 1e6, 3)}M`;
  if (a >= 1e3) return `${significant(step / 1e3, 3)}k`;
  return significant(step, 3);
}

/**
 * An axis tick for nats: up to four significant digits, compact from ten thousand on:
 * `−100`, `−87.5`, `0.25`, `−12.5k`.
 */
export function formatNatsTick(value: number): string {
  if (value === 0) return '0';
  const a = Math.abs(value);
  const text = a >= 1e4 ? `${significant(value / 1e3, 3)}k` : significant(value, 4);
  return withMinus(text);
}

/** An axis tick for a learning rate: shortest exponent form, `1e-3`, `2.5e-4`. */
export function formatLearningRateTick(value: number): string {
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential().split('e');
  return withMinus(`${significant(Number(mantissa), 3)}e${exponent!.replace(/^\+/, '')}`);
}

/** An axis tick for a plain quantity: up to three significant digits, `0`, `0.25`, `1`, `1.5`. */
export function formatSignificantTick(value: number): string {
  return value === 0 ? '0' : withMinus(significant(value, 3));
}

/** Training speed: `1,234 steps/s`, `56.7 steps/s`, `0.42 steps/s`; "—" when unknown. */
export function formatStepsPerSec(rate: number | undefined): string {
  if (rate === undefined || !Number.isFinite(rate) || rate < 0) return '—';
  const text = rate >= 100 ? grouped0.format(rate) : significant(rate, rate >= 1 ? 3 : 2);
  return `${text} steps/s`;
}

/**
 * A duration, two units at most: `45 s`, `1 min 20 s`, `2 min`, `1 h 5 min`, `2 d 3 h`; `< 1 s` below
 * one second; "—" when unknown (undefined, null, negative or not finite).
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 1) return '< 1 s';
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  for (let i = 0; i < units.length; i++) {
    const [size, name] = units[i]!;
    if (s < size) continue;
    const major = Math.floor(s / size);
    const next = units[i + 1];
    if (!next) return `${major} ${name}`;
    const minor = Math.floor((s - major * size) / next[0]);
    return minor > 0 ? `${major} ${name} ${minor} ${next[1]}` : `${major} ${name}`;
  }
  return '< 1 s';
}

/**
 * A done share as a percentage, rounded down (a run shows 100% only when done): one decimal below
 * 10% (`0.5%`, `9.9%`), whole numbers above (`42%`, `99%`); "—" when unknown.
 */
export function formatPercent(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '—';
  const pct = Math.min(100, Math.max(0, fraction * 100));
  if (pct < 10) return `${(Math.floor(pct * 10 + 1e-9) / 10).toFixed(1)}%`;
  return `${Math.floor(pct + 1e-9)}%`;
}

/** An accuracy given in percent, two decimals: `96.62%`; "—" when not finite. */
export function formatAccuracy(percent: number): string {
  return Number.isFinite(percent) ? `${percent.toFixed(2)}%` : '—';
}

/** An axis tick for a percentage: `96%`, `97.5%`. */
export function formatPercentTick(percent: number): string {
  return `${significant(percent, 4)}%`;
}
