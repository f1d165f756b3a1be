/**
 * Seeded count data for the ADVI model: x_i ~ Poisson(rate), or the model's generative process,
 * λ ~ Weibull(scale, concentration) drawn once and x_i ~ Poisson(λ). The same options always give
 * the same counts; the generator draws from its own stream (see synthetic.ts).
 */
import { createRng, deriveSeed, type Rng } from '../random/prng';
import { createDataset, type Dataset } from './dataset';

export interface CountsOptions {
  readonly n: number;
  readonly process: 'poisson' | 'weibull-poisson';
  /** The Poisson rate (process 'poisson'). */
  readonly rate: number;
  /** The Weibull the rate is drawn from (process 'weibull-poisson'). */
  readonly weibullScale: number;
  readonly weibullConcentration: number;
  readonly seed: number;
}

const COUNTS_TAG = 0x636e7473; // 'cnts'
/** Knuth's method multiplies uniforms down to e^{−λ}; above this λ the rate is split in pieces (a sum of Poissons is Poisson). */
const KNUTH_PIECE = 500;

/** One Poisson(λ) draw: Knuth's multiplication method, on pieces of λ ≤ 500 so that e^{−λ} stays a normal double. */
export function poissonDraw(rate: number, rng: Rng): number {
  let count = 0;
  for (let left = rate; left > 0; left -= KNUTH_PIECE) {
    const limit = Math.exp(-Math.min(left, KNUTH_PIECE));
    let p = rng.next();
    while (p > limit) {
      count++;
      p *= rng.next();
    }
  }
  return count;
}

/** One Weibull(scale λ, concentration k) draw by inversion: λ(−log(1 − u))^{1/k}. */
export function weibullDraw(scale: number, concentration: number, rng: Rng): number {
  return scale * Math.pow(-Math.log(1 - rng.next()), 1 / concentration);
}

/**
 * n counts, one per example (column `x`, domain 'count'), and the rate they were drawn with.
 *
 * @throws RangeError for a non-positive or non-integer n, or a rate or Weibull parameter that is not positive and finite
 */
export function counts(options: CountsOptions): { dataset: Dataset; rate: number } {
  const { n, process, seed } = options;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`counts n must be a positive integer, got ${String(n)}`);
  for (const [what, v] of [['rate', options.rate], ['Weibull scale', options.weibullScale], ['Weibull concentration', options.weibullConcentration]] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`counts ${what} must be a finite number > 0, got ${String(v)}`);
  }
  const rng = createRng(deriveSeed(seed, COUNTS_TAG));
  const rate = process === 'poisson' ? options.rate : weibullDraw(options.weibullScale, options.weibullConcentration, rng);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = poissonDraw(rate, rng);
  return { dataset: createDataset('counts', n, { x: { size: 1, domain: 'count', values: x } }), rate };
}
