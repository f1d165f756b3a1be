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
import { FLOAT32_TINY, logGammaDraws } from './random-draws';
import { digamma, lgamma } from './special';

/**
 * Independent Gamma(α, β) variables over an event of `eventSize` dims, with shape
 * `concentration` α > 0 and `rate` β > 0 (torch.distributions' names; the scale is 1/β):
 * density β^α x^{α−1} e^{−βx} / Γ(α) on x > 0, mean α/β, variance α/β².
 *
 * `concentration` and `rate` are float32 `[B, n]`, `[1, n]` or `[n]` and broadcast against each
 * other as in `Normal`. They are used as given (apply softplus/exp upstream).
 *
 * No reparameterised sample (`hasRsample` is false, `rsample` throws). A Gamma draw is the output
 * of a rejection sampler, which has no pathwise derivative; the usual remedy, implicit
 * reparameterisation gradients (dx/dα = −(∂F/∂α)/p(x) with F the CDF), needs the derivative of
 * the regularised incomplete gamma function with respect to α, which is not implemented yet.
 * Train a Gamma latent with the score-function estimator.
 */
export class Gamma implements Distribution {
  readonly family = 'gamma' as const;
  readonly hasRsample = false;
  readonly support = 'positive' as const;
  readonly paramConstraints = { concentration: 'positive', rate: 'positive' } as const;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(
    readonly concentration: tf.Tensor,
    readonly rate: tf.Tensor,
  ) {
    [this.batchSize, this.eventSize] = parameterShape('Gamma', { concentration, rate });
  }

  get components(): number {
    return this.eventSize;
  }

  /** Σ_i log density, shape `[B]` (the sum of `logProbPerDim`). */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /** α log β + (α − 1) log x − βx − log Γ(α) per dimension, `[B, n]`; x must be positive. */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'Gamma'), this.batchSize, 'Gamma logProb');
    return tf.tidy(() => {
      const alpha = asMatrix(this.concentration);
      const beta = asMatrix(this.rate);
      const x = asFloat(asMatrix(value));
      const perDim = alpha
        .mul(beta.log())
        .add(alpha.sub(1).mul(x.log()))
        .sub(beta.mul(x))
        .sub(lgamma(alpha));
      return broadcastToShape(perDim, [rows, this.eventSize]);
    });
  }

  /** Σ_i [α − log β + log Γ(α) + (1 − α) ψ(α)], shape `[batchSize]`. */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const alpha = asMatrix(this.concentration);
      const perDim = alpha
        .sub(asMatrix(this.rate).log())
        .add(lgamma(alpha))
        .add(tf.scalar(1).sub(alpha).mul(digamma(alpha)));
      return broadcastToShape(perDim, [this.batchSize, this.eventSize]).sum(-1);
    });
  }

  /**
   * A draw `[rows, n]` with no gradient: G/β with G ~ Gamma(α, 1) from `logGammaDraws` (seeded,
   * computed as exp(log G − log β)). Draws that underflow float32 (α ≪ 1 puts most of the mass
   * below 1e-38) are raised to the smallest normal float32, as torch does, so that `logProb`
   * stays finite at every draw.
   */
  sample(seed: number, batchSize?: number): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return withoutGradient([this.concentration, this.rate], (concentration, rate) => {
      const logG = logGammaDraws(asMatrix(concentration as tf.Tensor), rows, this.eventSize, seed);
      return tf.maximum(logG.sub(asMatrix(rate as tf.Tensor).log()).exp(), FLOAT32_TINY);
    });
  }

  /** Gamma has no reparameterised sample yet (see the class comment). */
  rsample(): tf.Tensor {
    throw new Error('Gamma has no reparameterised sample (hasRsample is false); use the score-function estimator');
  }

  /** α/β, `[batchSize, n]`. */
  mean(): tf.Tensor {
    return tf.tidy(() =>
      broadcastToShape(asMatrix(this.concentration).div(asMatrix(this.rate)), [this.batchSize, this.eventSize]),
    );
  }
}
