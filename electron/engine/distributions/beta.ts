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
import { FLOAT32_TINY, UNIFORM_EPS, logGammaDraws, streamSeed } from './random-draws';
import { digammaDifference, log1p, logBeta } from './special';

/**
 * Independent Beta(α, β) variables on (0, 1) over an event of `eventSize` dims, with
 * `concentration1` α > 0 (the exponent of x) and `concentration0` β > 0 (the exponent of 1 − x),
 * as torch.distributions names them: density x^{α−1}(1 − x)^{β−1} / B(α, β), mean α/(α + β).
 *
 * Parameters are float32 `[B, n]`, `[1, n]` or `[n]` and broadcast against each other as in
 * `Normal`; they are used as given (apply softplus/exp upstream).
 *
 * No reparameterised sample (`hasRsample` is false, `rsample` throws): a Beta draw is built from
 * Gamma draws, which come from a rejection sampler with no pathwise derivative, and implicit
 * reparameterisation gradients (through the derivative of the regularised incomplete beta
 * function) are not implemented yet. Use the score-function estimator, or a Kumaraswamy
 * posterior, which has a closed-form inverse CDF and a KL to a Beta prior.
 */
export class Beta implements Distribution {
  readonly family = 'beta' as const;
  readonly hasRsample = false;
  readonly support = 'unit-interval' as const;
  readonly paramConstraints = { concentration1: 'positive', concentration0: 'positive' } as const;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(
    readonly concentration1: tf.Tensor,
    readonly concentration0: tf.Tensor,
  ) {
    [this.batchSize, this.eventSize] = parameterShape('Beta', { concentration1, concentration0 });
  }

  get components(): number {
    return this.eventSize;
  }

  /** Σ_i log density, shape `[B]` (the sum of `logProbPerDim`). */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /**
   * (α − 1) log x + (β − 1) log1p(−x) − log B(α, β) per dimension, `[B, n]`; x must be in (0, 1).
   * log1p keeps log(1 − x) accurate for small x.
   */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'Beta'), this.batchSize, 'Beta logProb');
    return tf.tidy(() => {
      const a = asMatrix(this.concentration1);
      const b = asMatrix(this.concentration0);
      const x = asFloat(asMatrix(value));
      const perDim = a
        .sub(1)
        .mul(x.log())
        .add(b.sub(1).mul(log1p(x.neg())))
        .sub(logBeta(a, b));
      return broadcastToShape(perDim, [rows, this.eventSize]);
    });
  }

  /**
   * Σ_i [log B(α, β) − (α − 1)ψ(α) − (β − 1)ψ(β) + (α + β − 2)ψ(α + β)], shape `[batchSize]`
   * (−E[log p(x)], with E[log x] = ψ(α) − ψ(α + β) and E[log(1 − x)] = ψ(β) − ψ(α + β)). Computed
   * as log B − (α − 1)(ψ(α) − ψ(α + β)) − (β − 1)(ψ(β) − ψ(α + β)) with `digammaDifference`: for
   * concentrations in the hundreds the three ψ products are each ~10⁴ and cancel to a few nats,
   * and at Beta(1e4, 1) ψ(α) − ψ(α + β) = −1e-4 is multiplied by 1e4.
   */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const a = asMatrix(this.concentration1);
      const b = asMatrix(this.concentration0);
      const perDim = logBeta(a, b)
        .sub(a.sub(1).mul(digammaDifference(a, b)))
        .sub(b.sub(1).mul(digammaDifference(b, a)));
      return broadcastToShape(perDim, [this.batchSize, this.eventSize]).sum(-1);
    });
  }

  /**
   * A draw `[rows, n]` with no gradient: X/(X + Y) with X ~ Gamma(α), Y ~ Gamma(β) drawn from two
   * sub-streams of `seed`. Computed as σ(log X − log Y) from the logarithms of the Gamma draws, so
   * that small concentrations (where X and Y both underflow float32) still give a proper draw.
   * Draws that round to 0 or 1 in float32 are moved to [1e-38, 1 − 2⁻²⁴], as torch clamps them, so
   * that `logProb` is finite at every draw.
   */
  sample(seed: number, batchSize?: number): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return withoutGradient([this.concentration1, this.concentration0], (c1, c0) => {
      const logX = logGammaDraws(asMatrix(c1 as tf.Tensor), rows, this.eventSize, streamSeed(seed, 1));
      const logY = logGammaDraws(asMatrix(c0 as tf.Tensor), rows, this.eventSize, streamSeed(seed, 2));
      return tf.clipByValue(tf.sigmoid(logX.sub(logY)), FLOAT32_TINY, 1 - UNIFORM_EPS);
    });
  }

  /** Beta has no reparameterised sample yet (see the class comment). */
  rsample(): tf.Tensor {
    throw new Error('Beta has no reparameterised sample (hasRsample is false); use the score-function estimator or a Kumaraswamy');
  }

  /** α/(α + β), `[batchSize, n]`. */
  mean(): tf.Tensor {
    return tf.tidy(() => {
      const a = asMatrix(this.concentration1);
      return broadcastToShape(a.div(a.add(asMatrix(this.concentration0))), [this.batchSize, this.eventSize]);
    });
  }
}
