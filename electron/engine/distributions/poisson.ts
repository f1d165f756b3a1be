import * as tf from '@tensorflow/tfjs';

import { asFloat, asMatrix, assertFloat32, broadcastSize, broadcastToShape, matrixShape, sampleRows, valueBatch } from './batch';
import type { Distribution } from './distribution';
import { withoutGradient } from './no-grad';
import { log1p } from './special';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log x! is read from a table below this count and from Stirling's series at and above it. */
const STIRLING_FROM = 10;

/** log x! for x = 0 … STIRLING_FROM − 1, in float64 (rounded to float32 when it becomes a tensor). */
const LOG_FACTORIAL_TABLE: readonly number[] = (() => {
  const table = [0];
  for (let x = 1; x < STIRLING_FROM; x++) table.push((table[x - 1] as number) + Math.log(x));
  return table;
})();

/**
 * log x! − [x log x − x + ½ log 2πx] for x ≥ 10: Stirling's series 1/(12x) − 1/(360x³) + 1/(1260x⁵).
 * The first omitted term, 1/(1680x⁷), is below 6e-11 at x = 10, far under float32 resolution.
 */
function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 / 1260));
}

/** log x! for a non-negative integer x, in float64 (used by the sampler). */
function logFactorial(x: number): number {
  if (x < STIRLING_FROM) return LOG_FACTORIAL_TABLE[x] as number;
  return x * Math.log(x) - x + HALF_LOG_2PI + 0.5 * Math.log(x) + stirlingCorrection(x);
}

/**
 * The entropy is summed over x = 0 … N for rates below ENTROPY_SERIES_FROM, and taken from its
 * asymptotic expansion above. N = λ + 10√λ + 20 at λ = ENTROPY_SERIES_FROM, i.e. 220 terms: the
 * mass beyond λ + 10√λ is below 1e-20 for every rate under the cap.
 */
const ENTROPY_SERIES_FROM = 100;
const ENTROPY_TERMS = Math.ceil(ENTROPY_SERIES_FROM + 10 * Math.sqrt(ENTROPY_SERIES_FROM) + 20) + 1;
/** Smallest normal float32: the entropy sum evaluates log λ, which must not be log 0. */
const MIN_NORMAL_F32 = 1.1754944e-38;

/** Rates from which the sampler switches from inversion to transformed rejection. */
const PTRS_FROM = 10;
/** Uniforms are drawn from tfjs in blocks of this many (the last block may be larger). */
const UNIFORM_BLOCK = 4096;

/**
 * A seeded stream of U[0, 1) numbers, drawn from `tf.randomUniform` in blocks: the first block
 * with `seed` itself, later ones with derived string seeds, so the stream is a pure function of
 * the seed (and the same on every backend, since tfjs generates uniforms in JavaScript).
 */
class UniformStream {
  private block: Float32Array = new Float32Array(0);
  private next = 0;
  private blocks = 0;

  constructor(
    private readonly seed: number,
    private readonly firstBlock: number,
  ) {}

  /** The next uniform; float32 rounding can produce exactly 1, which callers tolerate. */
  uniform(): number {
    if (this.next >= this.block.length) {
      const size = this.blocks === 0 ? Math.max(this.firstBlock, 1) : UNIFORM_BLOCK;
      const seed = this.blocks === 0 ? this.seed : `${this.seed}/poisson/${this.blocks}`;
      const t = tf.randomUniform([size], 0, 1, 'float32', seed);
      this.block = t.dataSync() as Float32Array;
      t.dispose();
      this.blocks += 1;
      this.next = 0;
    }
    return this.block[this.next++] as number;
  }
}

/**
 * One Poisson(λ) draw for λ < PTRS_FROM by sequential inversion: the smallest x with
 * F(x) ≥ u, accumulating p(x + 1) = p(x)·λ/(x + 1) from p(0) = e^−λ. The search stops at
 * λ + 10√λ + 30 (≤ 72 here): a float32 u that rounded to 1 cannot run away.
 */
function poissonByInversion(lambda: number, u: number): number {
  const cap = Math.ceil(lambda + 10 * Math.sqrt(lambda) + 30);
  let x = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u > cdf && x < cap) {
    x += 1;
    p *= lambda / x;
    cdf += p;
  }
  return x;
}

/**
 * One Poisson(λ) draw for λ ≥ PTRS_FROM by transformed rejection with squeeze (PTRS,
 * W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12, 1993): a hat built from a transformed uniform, accepted
 * at once in the central region (about 90% of the draws) and otherwise by the exact log-mass.
 * It costs about 1.2 pairs of uniforms per draw at any rate, unlike inversion (O(λ)).
 */
function poissonByRejection(lambda: number, stream: UniformStream): number {
  const sqrtLambda = Math.sqrt(lambda);
  const logLambda = Math.log(lambda);
  const b = 0.931 + 2.53 * sqrtLambda;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = stream.uniform() - 0.5;
    const v = stream.uniform();
    const us = 0.5 - Math.abs(u);
    if (us <= 0) continue; // u = 0 or 1 exactly: the transform is singular there.
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -lambda + k * logLambda - logFactorial(k)) {
      return k;
    }
  }
}

/**
 * Independent Poisson counts over an event of `eventSize` dims, parameterised by float32 rates
 * λ `[B, n]`, `[1, n]` or `[n]`, which must be positive (apply softplus/exp upstream, as for a
 * Normal's scale). P(x) = λ^x e^−λ / x! for x = 0, 1, 2, …
 *
 * Values are counts as float32 (or int32) `[B, n]`; they are data, not differentiated, and are
 * not checked to be non-negative integers (that would need a data read). log x! is computed here
 * from a table (x < 10) and Stirling's series (x ≥ 10), accurate to float32 for integer counts;
 * non-integer values below 10 are rounded to the nearest count for the table.
 */
export class Poisson implements Distribution {
  readonly family = 'poisson' as const;
  readonly hasRsample = false;
  readonly support = 'nonnegative-integer' as const;
  readonly paramConstraints = { rate: 'positive' } as const;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(readonly rate: tf.Tensor) {
    assertFloat32(rate, 'Poisson rate');
    const [b, n] = matrixShape(rate, 'Poisson rate');
    this.batchSize = b;
    this.eventSize = n;
  }

  get components(): number {
    return this.eventSize;
  }

  /** Σ_i [x_i log λ_i − λ_i − log x_i!], shape `[B]`. */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /**
   * x log λ − λ − log x! per dimension, `[B, n]`.
   *
   * Below x = 10 it is evaluated as written, log x! from the table. From x = 10 Stirling's
   * log x! = x log x − x + ½ log 2πx + c(x) is substituted and the large terms are paired:
   * x·log(λ/x) − (λ − x) − ½ log 2πx − c(x). When x ≈ λ (the typical count of a large rate) the
   * pairs are both near 0, whereas x log λ, λ and log x! are each ~x log x and would cancel to a
   * small difference of large float32 numbers (an absolute error of ~1e-3 at x = 1000). log(λ/x)
   * is log1p((λ − x)/x) (special.ts's log1p: tf.log1p is inaccurate on wasm), accurate for λ near x, except when λ < x/2, where log(λ/x) is.
   */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'Poisson'), this.batchSize, 'Poisson logProb');
    const shape = [rows, this.eventSize];
    return tf.tidy(() => {
      const x = broadcastToShape(asFloat(asMatrix(value)), shape);
      const rate = broadcastToShape(asMatrix(this.rate), shape);
      // Counts carry no gradient (a drawn count is discrete): the branch mask and the table lookup
      // are computed off the tape, since Less and the indices of Gather have no gradient in tfjs.
      const small = withoutGradient([x], (t) => t.less(STIRLING_FROM));
      const logFactSmall = withoutGradient([x], (t) => {
        const tableIndex = t.clipByValue(0, STIRLING_FROM - 1).round().cast('int32');
        return tf.gather(tf.tensor1d(LOG_FACTORIAL_TABLE as number[], 'float32'), tableIndex);
      });
      const lpSmall = x.mul(rate.log()).sub(rate).sub(logFactSmall);

      // Both branches are evaluated everywhere; clamping x here keeps the unused one finite
      // (x = 0 would give 0·log(λ/0)), so that tf.where's gradient has no 0·∞.
      const xs = x.maximum(STIRLING_FROM);
      const d = rate.sub(xs).div(xs);
      // The branch is chosen on values only (comparisons have no gradient in tfjs).
      const logRatio = tf.where(withoutGradient([d], (t) => t.less(-0.5)), rate.div(xs).log(), log1p(d.maximum(-0.5)));
      const r = xs.reciprocal();
      const r2 = r.square();
      const correction = r.mul(r2.mul(r2.mul(-1 / 1260).add(1 / 360)).neg().add(1 / 12));
      const lpLarge = xs
        .mul(logRatio)
        .sub(rate.sub(xs))
        .sub(xs.log().mul(0.5).add(HALF_LOG_2PI))
        .sub(correction);
      return tf.where(small, lpSmall, lpLarge);
    });
  }

  /**
   * −Σ_x p(x) log p(x) summed over the event, `[batchSize]`. No closed form exists:
   * - λ < 100: the sum over x = 0 … 220, which covers x ≤ λ + 10√λ + 20 for every such rate
   *   (the omitted tail is below 1e-20);
   * - λ ≥ 100: the asymptotic expansion ½ log(2πeλ) − 1/(12λ) − 1/(24λ²) − 19/(360λ³), whose
   *   error is below 2e-9 there (checked against a float64 sum).
   * Differentiable in λ on both sides.
   */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const rate = asMatrix(this.rate);
      const [b, n] = [rate.shape[0], rate.shape[1]];
      const grid = tf.range(0, ENTROPY_TERMS, 1, 'float32');
      const logFact = tf.tensor1d(Array.from({ length: ENTROPY_TERMS }, (_, x) => logFactorial(x)), 'float32');

      const lamSum = rate.clipByValue(MIN_NORMAL_F32, ENTROPY_SERIES_FROM).reshape([b, n, 1]);
      const logP = grid.mul(lamSum.log()).sub(lamSum).sub(logFact);
      const bySum = logP.exp().mul(logP).sum(-1).neg();

      const lamBig = rate.maximum(ENTROPY_SERIES_FROM);
      const inv = lamBig.reciprocal();
      const series = inv.mul(inv.mul(inv.mul(19 / 360).add(1 / 24)).add(1 / 12));
      const byExpansion = lamBig.mul(2 * Math.PI * Math.E).log().mul(0.5).sub(series);

      return tf.where(withoutGradient([rate], (t) => t.less(ENTROPY_SERIES_FROM)), bySum, byExpansion).sum(-1);
    });
  }

  /**
   * Counts float32 `[rows, n]`, seeded. No gradient. The sample reads the rates (a data read,
   * harmless since nothing flows back through it) and draws in JavaScript: sequential inversion
   * for λ < 10 (one uniform per draw) and Hörmann's transformed rejection (PTRS) for λ ≥ 10, both
   * exact (no normal approximation). Uniforms come from `tf.randomUniform` with the seed, so the
   * same seed gives the same counts on every backend.
   */
  sample(seed: number, batchSize?: number): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    const n = this.eventSize;
    return withoutGradient([this.rate], (rate) => {
      const rates = rate.dataSync(); // row-major [b, n] (or [n]): the same layout either way
      const shared = rate.rank === 1 || rate.shape[0] === 1;
      const stream = new UniformStream(seed, rows * n);
      const out = new Float32Array(rows * n);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < n; j++) {
          const lambda = rates[(shared ? 0 : r) * n + j] as number;
          out[r * n + j] = lambda < PTRS_FROM ? poissonByInversion(lambda, stream.uniform()) : poissonByRejection(lambda, stream);
        }
      }
      return tf.tensor2d(out, [rows, n], 'float32');
    });
  }

  /** Poisson has no reparameterised sample; use a score-function estimator. */
  rsample(): tf.Tensor {
    throw new Error('Poisson has no reparameterised sample (hasRsample is false)');
  }

  /** The rates λ, `[batchSize, n]`. */
  mean(): tf.Tensor {
    return tf.tidy(() => asMatrix(this.rate).clone());
  }
}
