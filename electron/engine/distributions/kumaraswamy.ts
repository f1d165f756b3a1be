import * as tf from '@tensorflow/tfjs';

import {
  asFloat,
  asMatrix,
  broadcastSize,
  broadcastToShape,
  parameterShape,
  sampleRows,
  valueBatch,
} from './batch';
import type { Distribution } from './distribution';
import { withoutGradient } from './no-grad';
import { FLOAT32_TINY, UNIFORM_EPS, openUniform } from './random-draws';
import { EULER_GAMMA, digamma, log1p, logBeta } from './special';

/** log(1 − eᵗ), forward only: log(−expm1(t)) for t > −log 2, log1p(−eᵗ) below (inputs clamped per branch). */
function log1mExpForward(t: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const cut = -Math.LN2;
    const near = tf.minimum(t, -FLOAT32_TINY);
    const far = tf.minimum(t, cut);
    return tf.where(tf.greater(t, cut), tf.expm1(near).neg().log(), log1p(far.exp().neg()));
  });
}

const log1mExpOp = tf.customGrad((t: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
  (save as tf.GradSaveFunc)([t as tf.Tensor]);
  return {
    value: log1mExpForward(t as tf.Tensor),
    // d/dt log(1 − eᵗ) = −eᵗ/(1 − eᵗ) = 1/expm1(−t)·(−1).
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [dy.div(tf.expm1((saved[0] as tf.Tensor).neg())).neg()],
  };
});

/**
 * log(1 − eᵗ) for t < 0, elementwise, in the form that is accurate on each side of t = −log 2
 * (Mächler, "Accurately computing log(1 − exp(−|a|))", 2012): log(−expm1(t)) near 0, where 1 − eᵗ
 * is small, and log1p(−eᵗ) further out, where eᵗ is small. A `tf.customGrad` op with gradient
 * −1/expm1(−t), so that the branch selection (a comparison, which tfjs cannot differentiate) stays
 * off the tape.
 */
export function log1mExp(t: tf.Tensor): tf.Tensor {
  return log1mExpOp(t);
}

/**
 * Independent Kumaraswamy(a, b) variables on (0, 1) over an event of `eventSize` dims, with
 * `concentration1` a > 0 and `concentration0` b > 0 (torch.distributions' names): density
 * a b x^{a−1} (1 − x^a)^{b−1}, CDF F(x) = 1 − (1 − x^a)^b.
 *
 * It looks like a Beta(a, b) (it is one when a = 1 or b = 1) but its CDF inverts in closed form,
 * so it has a reparameterised sample, and its KL to a Beta prior has a series form
 * (`klKumaraswamyBeta`): the stick-breaking VAE's posterior (Nalisnick & Smyth, 2017).
 *
 * Parameters are float32 `[B, n]`, `[1, n]` or `[n]` and broadcast against each other as in
 * `Normal`; they are used as given (apply softplus/exp upstream).
 */
export class Kumaraswamy implements Distribution {
  readonly family = 'kumaraswamy' as const;
  readonly hasRsample = true;
  readonly support = 'unit-interval' as const;
  readonly paramConstraints = { concentration1: 'positive', concentration0: 'positive' } as const;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(
    readonly concentration1: tf.Tensor,
    readonly concentration0: tf.Tensor,
  ) {
    [this.batchSize, this.eventSize] = parameterShape('Kumaraswamy', { concentration1, concentration0 });
  }

  get components(): number {
    return this.eventSize;
  }

  /** Σ_i log density, shape `[B]` (the sum of `logProbPerDim`). */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /**
   * log a + log b + (a − 1) log x + (b − 1) log(1 − x^a) per dimension, `[B, n]`; x in (0, 1).
   * log(1 − x^a) is `log1mExp(a log x)`, accurate both for x^a near 1 (x near 1, or a small) and
   * near 0.
   */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'Kumaraswamy'), this.batchSize, 'Kumaraswamy logProb');
    return tf.tidy(() => {
      const a = asMatrix(this.concentration1);
      const b = asMatrix(this.concentration0);
      const logX = asFloat(asMatrix(value)).log();
      const perDim = a
        .log()
        .add(b.log())
        .add(a.sub(1).mul(logX))
        .add(b.sub(1).mul(log1mExp(a.mul(logX))));
      return broadcastToShape(perDim, [rows, this.eventSize]);
    });
  }

  /**
   * Σ_i [(1 − 1/b) + (1 − 1/a) H_b − log a − log b], shape `[batchSize]`, where H_b = ψ(b + 1) + γ
   * is the harmonic number of b (E[log(1 − x^a)] = −H_b/b and E[log x] = −H_b/a).
   */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const a = asMatrix(this.concentration1);
      const b = asMatrix(this.concentration0);
      const harmonic = digamma(b.add(1)).add(EULER_GAMMA);
      const perDim = tf
        .scalar(1)
        .sub(b.reciprocal())
        .add(tf.scalar(1).sub(a.reciprocal()).mul(harmonic))
        .sub(a.log())
        .sub(b.log());
      return broadcastToShape(perDim, [this.batchSize, this.eventSize]).sum(-1);
    });
  }

  /**
   * The inverse CDF x = (1 − (1 − u)^{1/b})^{1/a} elementwise (u broadcast against the
   * parameters), evaluated in log space: log x = log(−expm1(log1p(−u)/b))/a. That is exact for
   * small u (where 1 − (1 − u)^{1/b} would cancel) and for small b (where (1 − u)^{1/b}
   * underflows). The result is clipped to [1e-38, 1 − 2⁻²⁴] (a float32 x that rounds to 1 would
   * give log(1 − x^a) = −∞); the gradient is zero where the clip binds. Differentiable in a and b.
   */
  icdf(u: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const a = asMatrix(this.concentration1);
      const b = asMatrix(this.concentration0);
      const logOneMinusY = log1p(asFloat(u).neg()).div(b);
      const logX = tf.expm1(logOneMinusY).neg().log().div(a);
      return tf.clipByValue(logX.exp(), FLOAT32_TINY, 1 - UNIFORM_EPS);
    });
  }

  /** `icdf(u)` with u ~ U(0, 1) seeded (kept in [2⁻²⁴, 1 − 2⁻²⁴]), `[rows, n]`; differentiable in a and b. */
  rsample(seed: number, batchSize?: number): tf.Tensor {
    return this.draw(this.concentration1, this.concentration0, seed, batchSize);
  }

  /** Same draw as `rsample(seed)`, with the gradient cut. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    return withoutGradient([this.concentration1, this.concentration0], (c1, c0) =>
      this.draw(c1 as tf.Tensor, c0 as tf.Tensor, seed, batchSize),
    );
  }

  /** b·B(1 + 1/a, b) = exp(log b + log B(1 + 1/a, b)), `[batchSize, n]`. */
  mean(): tf.Tensor {
    return tf.tidy(() => {
      const a = asMatrix(this.concentration1);
      const b = asMatrix(this.concentration0);
      const mean = b.log().add(logBeta(a.reciprocal().add(1), b)).exp();
      return broadcastToShape(mean, [this.batchSize, this.eventSize]);
    });
  }

  private draw(c1: tf.Tensor, c0: tf.Tensor, seed: number, batchSize: number | undefined): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return tf.tidy(() => {
      const u = openUniform([rows, this.eventSize], seed);
      return new Kumaraswamy(c1, c0).icdf(u);
    });
  }
}
