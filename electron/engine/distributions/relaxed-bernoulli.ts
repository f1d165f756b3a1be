import * as tf from '@tensorflow/tfjs';

import {
  asFloat,
  asMatrix,
  assertFloat32,
  broadcastMatrixShapes,
  broadcastSize,
  broadcastToShape,
  matrixShape,
  sampleRows,
  valueBatch,
  type MatrixShape,
} from './batch';
import type { Distribution } from './distribution';
import { stopGradient, withoutGradient } from './no-grad';

/**
 * A temperature: a positive number, or a positive float32 tensor (scalar, `[t]` or `[b, t]`).
 * A number is kept as a number, so that constructing a distribution still creates no tensor.
 */
export type Temperature = tf.Tensor | number;

/** Check a temperature and return its `[b, t]` view (a number or a scalar is `[1, 1]`). */
export function temperatureShape(temperature: Temperature, what: string): MatrixShape {
  if (typeof temperature === 'number') {
    if (!(temperature > 0) || !Number.isFinite(temperature)) {
      throw new Error(`${what} temperature must be a positive finite number, got ${temperature}`);
    }
    return [1, 1];
  }
  assertFloat32(temperature, `${what} temperature`);
  return temperature.rank === 0 ? [1, 1] : matrixShape(temperature, `${what} temperature`);
}

/** A tensor temperature as a `[b, t]` matrix (a scalar becomes `[1, 1]`); a number is returned as is. */
export function temperatureMatrix(temperature: Temperature): tf.Tensor | number {
  if (typeof temperature === 'number') return temperature;
  return temperature.rank === 0 ? temperature.reshape([1, 1]) : asMatrix(temperature);
}

/** log τ, as a number for a number τ. */
export function logTemperature(temperature: tf.Tensor | number): tf.Tensor | number {
  return typeof temperature === 'number' ? Math.log(temperature) : temperature.log();
}

// U(0, 1) clipped away from 0 and 1 so that log u and log(1 − u) are finite (as gumbelNoise does).
const U_MIN = 1e-20;
const U_MAX = 1 - 2 ** -24;
// A value y is clipped to [Y_MIN, Y_MAX] before its logit is taken: the smallest normal float32
// and the largest float32 below 1. Only values that rounded to exactly 0 or 1 are affected.
const Y_MIN = 1.1754944e-38;
const Y_MAX = 1 - 2 ** -24;

/**
 * Binary Concrete (relaxed Bernoulli; Maddison, Mnih & Teh, "The Concrete distribution", 2017;
 * Jang, Gu & Poole, 2017) over an event of `eventSize` independent dims in (0, 1), with float32
 * logits ℓ `[B, n]`, `[1, n]` or `[n]` and a temperature τ > 0.
 *
 * A draw is y = σ((ℓ + L)/τ) with L = log(1 − u) − log u standard logistic noise, u ~ U(0, 1)
 * seeded: a reparameterised, differentiable (in ℓ and τ) stand-in for a Bernoulli(σ(ℓ)) draw. As
 * τ → 0 draws concentrate on {0, 1} and `hard(y)` is exactly a Bernoulli draw; as τ grows they
 * concentrate on ½. The noise is written so that ℓ + L > 0 ⟺ u < σ(ℓ), the test `Bernoulli.sample`
 * makes with the same seed: `hard(rsample(seed))` equals `new Bernoulli(logits).sample(seed)`
 * (up to float32 rounding at the boundary).
 *
 * The temperature is a positive number or a float32 tensor broadcastable against the logits:
 * `[1, 1]` or a scalar (one temperature), `[B, 1]` (per row), `[1, n]` / `[n]` (per dim) or `[B, n]`.
 *
 * Density (torch's LogitRelaxedBernoulli pushed through a sigmoid): with x = logit(y) and
 * d = ℓ − τx, log p(y) = log τ + d − 2 softplus(d) − log y − log(1 − y). It is computed from
 * log y and log(1 − y) directly; a value that rounded to exactly 0 or 1 (possible at low τ) is
 * clipped to the nearest representable interior point.
 *
 * No closed-form entropy (`entropy` throws); `mean` returns σ(ℓ), the mean of the underlying
 * Bernoulli (the τ → 0 limit), not E[y] (which has no closed form either).
 */
export class RelaxedBernoulli implements Distribution {
  readonly family = 'relaxed-bernoulli' as const;
  readonly hasRsample = true;
  readonly support = 'unit-interval' as const;
  readonly paramConstraints = { temperature: 'positive', logits: 'real' } as const;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(
    readonly temperature: Temperature,
    readonly logits: tf.Tensor,
  ) {
    assertFloat32(logits, 'RelaxedBernoulli logits');
    const [b, n] = broadcastMatrixShapes(
      [temperatureShape(temperature, 'RelaxedBernoulli'), matrixShape(logits, 'RelaxedBernoulli logits')],
      'RelaxedBernoulli temperature/logits',
    );
    this.batchSize = b;
    this.eventSize = n;
  }

  get components(): number {
    return this.eventSize;
  }

  /** Σ_i log p(y_i), shape `[B]` (see `logProbPerDim`). */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /** log τ + d − 2 softplus(d) − log y − log(1 − y), d = ℓ − τ(log y − log(1 − y)), per dimension `[B, n]`. */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'RelaxedBernoulli'), this.batchSize, 'RelaxedBernoulli logProb');
    return tf.tidy(() => {
      const y = asFloat(asMatrix(value)).clipByValue(Y_MIN, Y_MAX);
      const logY = y.log();
      const log1mY = tf.log1p(y.neg());
      const tau = temperatureMatrix(this.temperature);
      const d = asMatrix(this.logits).sub(logY.sub(log1mY).mul(tau));
      const perDim = d.sub(tf.softplus(d).mul(2)).add(logTemperature(tau)).sub(logY).sub(log1mY);
      return broadcastToShape(perDim, [rows, this.eventSize]);
    });
  }

  /** Throws: the binary Concrete has no closed-form entropy (estimate −E[log p(y)] from rsample draws). */
  entropy(): tf.Tensor {
    throw new Error('RelaxedBernoulli has no closed-form entropy; estimate it as −mean(logProb(rsample(seed)))');
  }

  /** y = σ((ℓ + log(1 − u) − log u)/τ), `[rows, n]`, u ~ U(0, 1) seeded; differentiable in ℓ and τ. */
  rsample(seed: number, batchSize?: number): tf.Tensor {
    return this.draw(this.temperature, this.logits, seed, batchSize);
  }

  /** The same draw as `rsample(seed)`, with the gradient cut. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    const t = this.temperature;
    if (typeof t === 'number') {
      return withoutGradient([this.logits], (logits) => this.draw(t, logits, seed, batchSize));
    }
    return withoutGradient([t, this.logits], (tau, logits) => this.draw(tau as tf.Tensor, logits as tf.Tensor, seed, batchSize));
  }

  /**
   * The Bernoulli value of a relaxed draw: 1 where y > ½, else 0, float32 with no gradient. For
   * y = rsample(seed) this is the exact Bernoulli(σ(ℓ)) draw of the same noise.
   */
  hard(y: tf.Tensor): tf.Tensor {
    return withoutGradient([y], (t) => t.greater(0.5).cast('float32'));
  }

  /**
   * Straight-through estimator: the value of `hard(y)`, the gradient of y. Computed as
   * hard(y) + (y − stopGradient(y)), the bracket being exactly 0, so the forward value is
   * exactly 0 or 1.
   */
  straightThrough(y: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.hard(y).add(y.sub(stopGradient(y))));
  }

  /** σ(ℓ), `[batchSize, n]`: the mean of the underlying Bernoulli, not E[y] (see the class notes). */
  mean(): tf.Tensor {
    return tf.tidy(() => broadcastToShape(tf.sigmoid(asMatrix(this.logits)), [this.batchSize, this.eventSize]));
  }

  private draw(temperature: Temperature, logits: tf.Tensor, seed: number, batchSize: number | undefined): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return tf.tidy(() => {
      const u = tf.randomUniform([rows, this.eventSize], 0, 1, 'float32', seed).clipByValue(U_MIN, U_MAX);
      const noise = tf.log1p(u.neg()).sub(u.log());
      return tf.sigmoid(asMatrix(logits).add(noise).div(temperatureMatrix(temperature)));
    });
  }
}
