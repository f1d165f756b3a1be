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
import { openUniform } from './random-draws';
import { EULER_GAMMA, lgamma, log1p } from './special';

/**
 * Independent Weibull(λ, k) variables on x > 0 over an event of `eventSize` dims, with `scale`
 * λ > 0 and `concentration` (shape) k > 0, as torch.distributions names them: density
 * (k/λ)(x/λ)^{k−1} e^{−(x/λ)^k}, CDF 1 − e^{−(x/λ)^k}, mean λΓ(1 + 1/k). k = 1 is the
 * exponential distribution with mean λ.
 *
 * Parameters are float32 `[B, n]`, `[1, n]` or `[n]` and broadcast against each other as in
 * `Normal`; they are used as given (apply softplus/exp upstream).
 */
export class Weibull implements Distribution {
  readonly family = 'weibull' as const;
  readonly hasRsample = true;
  readonly support = 'positive' as const;
  readonly paramConstraints = { scale: 'positive', concentration: 'positive' } as const;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(
    readonly scale: tf.Tensor,
    readonly concentration: tf.Tensor,
  ) {
    [this.batchSize, this.eventSize] = parameterShape('Weibull', { scale, concentration });
  }

  get components(): number {
    return this.eventSize;
  }

  /** Σ_i log density, shape `[B]` (the sum of `logProbPerDim`). */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /**
   * log k − log λ + (k − 1) log(x/λ) − (x/λ)^k per dimension, `[B, n]`; x > 0. With
   * r = log x − log λ the power is exp(k·r): no pow of a possibly huge ratio.
   */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'Weibull'), this.batchSize, 'Weibull logProb');
    return tf.tidy(() => {
      const scale = asMatrix(this.scale);
      const k = asMatrix(this.concentration);
      const logScale = scale.log();
      const r = asFloat(asMatrix(value)).log().sub(logScale);
      const perDim = k
        .log()
        .sub(logScale)
        .add(k.sub(1).mul(r))
        .sub(k.mul(r).exp());
      return broadcastToShape(perDim, [rows, this.eventSize]);
    });
  }

  /** Σ_i [γ(1 − 1/k) + log(λ/k) + 1], shape `[batchSize]`. */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const k = asMatrix(this.concentration);
      const perDim = tf
        .scalar(1)
        .sub(k.reciprocal())
        .mul(EULER_GAMMA)
        .add(asMatrix(this.scale).log())
        .sub(k.log())
        .add(1);
      return broadcastToShape(perDim, [this.batchSize, this.eventSize]).sum(-1);
    });
  }

  /**
   * The inverse CDF x = λ(−log(1 − u))^{1/k} elementwise (u broadcast against the parameters),
   * as λ·exp(log(−log1p(−u))/k). Differentiable in λ and k: ∂x/∂λ = x/λ, ∂x/∂k = −x log(x/λ)/k.
   */
  icdf(u: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const e = log1p(asFloat(u).neg()).neg();
      return e.log().div(asMatrix(this.concentration)).exp().mul(asMatrix(this.scale));
    });
  }

  /** `icdf(u)` with u ~ U(0, 1) seeded (kept in [2⁻²⁴, 1 − 2⁻²⁴]), `[rows, n]`; differentiable in λ and k. */
  rsample(seed: number, batchSize?: number): tf.Tensor {
    return this.draw(this.scale, this.concentration, seed, batchSize);
  }

  /** Same draw as `rsample(seed)`, with the gradient cut. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    return withoutGradient([this.scale, this.concentration], (scale, k) =>
      this.draw(scale as tf.Tensor, k as tf.Tensor, seed, batchSize),
    );
  }

  /** λΓ(1 + 1/k) = λ·exp(log Γ(1 + 1/k)), `[batchSize, n]`. */
  mean(): tf.Tensor {
    return tf.tidy(() => {
      const k = asMatrix(this.concentration);
      const mean = lgamma(k.reciprocal().add(1)).exp().mul(asMatrix(this.scale));
      return broadcastToShape(mean, [this.batchSize, this.eventSize]);
    });
  }

  private draw(scale: tf.Tensor, k: tf.Tensor, seed: number, batchSize: number | undefined): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return tf.tidy(() => new Weibull(scale, k).icdf(openUniform([rows, this.eventSize], seed)));
  }
}
