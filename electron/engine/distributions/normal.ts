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

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Diagonal Gaussian N(loc, diag(scale²)) over an event of `eventSize` independent dims.
 *
 * `loc` and `scale` are float32 `[B, n]`, `[1, n]` or `[n]`; they broadcast against each
 * other on both axes (so a `[B, 1]` scale is an isotropic per-row scale). `scale` must be
 * positive; it is used as given (apply softplus/exp upstream), because the engine decides
 * the parameterisation and a hidden transform here would double it.
 */
export class Normal implements Distribution {
  readonly family = 'normal' as const;
  readonly hasRsample = true;
  readonly support = 'real' as const;
  readonly paramConstraints = { loc: 'real', scale: 'positive' } as const;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(
    readonly loc: tf.Tensor,
    readonly scale: tf.Tensor,
  ) {
    [this.batchSize, this.eventSize] = parameterShape('Normal', { loc, scale });
  }

  get components(): number {
    return this.eventSize;
  }

  /** Σ_i [−½((x_i − μ_i)/σ_i)² − log σ_i − ½ log 2π], shape `[B]`. */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /** −½((x_i − μ_i)/σ_i)² − log σ_i − ½ log 2π per dimension, `[B, n]`. */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'Normal'), this.batchSize, 'Normal logProb');
    return tf.tidy(() => {
      const loc = asMatrix(this.loc);
      const scale = asMatrix(this.scale);
      // Standardise once rather than forming σ²: σ² underflows float32 for σ below ~1e-19,
      // while (x − μ)/σ is finite for any positive σ that is not itself denormal.
      const z = asFloat(asMatrix(value)).sub(loc).div(scale);
      const perDim = z.square().mul(-0.5).sub(scale.log()).sub(HALF_LOG_2PI);
      return broadcastToShape(perDim, [rows, this.eventSize]);
    });
  }

  /** Σ_i [½ + ½ log 2π + log σ_i], shape `[batchSize]` (broadcast over rows that only differ in loc). */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const perDim = asMatrix(this.scale).log().add(0.5 + HALF_LOG_2PI);
      return broadcastToShape(perDim, [this.batchSize, this.eventSize]).sum(-1);
    });
  }

  /** loc + scale ⊙ ε with ε ~ N(0, I) seeded; differentiable in loc and scale. */
  rsample(seed: number, batchSize?: number): tf.Tensor {
    return this.draw(this.loc, this.scale, seed, batchSize);
  }

  /** Same draw as `rsample(seed)`, with the gradient cut. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    return withoutGradient([this.loc, this.scale], (loc, scale) => this.draw(loc, scale, seed, batchSize));
  }

  /** `loc` broadcast to `[batchSize, eventSize]`. */
  mean(): tf.Tensor {
    return tf.tidy(() => broadcastToShape(asMatrix(this.loc), [this.batchSize, this.eventSize]).clone());
  }

  private draw(loc: tf.Tensor, scale: tf.Tensor, seed: number, batchSize: number | undefined): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return tf.tidy(() => {
      const eps = tf.randomNormal([rows, this.eventSize], 0, 1, 'float32', seed);
      return eps.mul(asMatrix(scale)).add(asMatrix(loc));
    });
  }
}
