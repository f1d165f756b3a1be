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
import { streamSeed } from './random-draws';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Independent log-normal variables on x > 0 over an event of `eventSize` dims: log x ~
 * N(`loc`, `scale`²), as torch.distributions names the parameters (the mean and standard
 * deviation of log x, not of x). Density exp(−½((log x − μ)/σ)²) / (xσ√(2π)), mean e^{μ + σ²/2}.
 *
 * Parameters are float32 `[B, n]`, `[1, n]` or `[n]` and broadcast against each other as in
 * `Normal`; `scale` must be positive and is used as given.
 */
export class LogNormal implements Distribution {
  readonly family = 'lognormal' as const;
  readonly hasRsample = true;
  readonly support = 'positive' as const;
  readonly paramConstraints = { loc: 'real', scale: 'positive' } as const;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(
    readonly loc: tf.Tensor,
    readonly scale: tf.Tensor,
  ) {
    [this.batchSize, this.eventSize] = parameterShape('LogNormal', { loc, scale });
  }

  get components(): number {
    return this.eventSize;
  }

  /** Σ_i log density, shape `[B]` (the sum of `logProbPerDim`). */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /**
   * −½z² − log σ − ½ log 2π − log x per dimension with z = (log x − μ)/σ, `[B, n]`: the Normal
   * density of log x and the Jacobian 1/x. x must be positive.
   */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'LogNormal'), this.batchSize, 'LogNormal logProb');
    return tf.tidy(() => {
      const scale = asMatrix(this.scale);
      const logX = asFloat(asMatrix(value)).log();
      const z = logX.sub(asMatrix(this.loc)).div(scale);
      const perDim = z.square().mul(-0.5).sub(scale.log()).sub(HALF_LOG_2PI).sub(logX);
      return broadcastToShape(perDim, [rows, this.eventSize]);
    });
  }

  /** Σ_i [½ + ½ log 2π + log σ + μ], shape `[batchSize]` (the Normal entropy plus E[log x] = μ). */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const perDim = asMatrix(this.scale).log().add(asMatrix(this.loc)).add(0.5 + HALF_LOG_2PI);
      return broadcastToShape(perDim, [this.batchSize, this.eventSize]).sum(-1);
    });
  }

  /**
   * exp(μ + σ ⊙ ε), ε ~ N(0, I) seeded, `[rows, n]`; differentiable in loc and scale
   * (∂x/∂μ = x, ∂x/∂σ = x·ε). A draw above ~88 in log space overflows float32 to +∞.
   */
  rsample(seed: number, batchSize?: number): tf.Tensor {
    return this.draw(this.loc, this.scale, seed, batchSize);
  }

  /** Same draw as `rsample(seed)`, with the gradient cut. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    return withoutGradient([this.loc, this.scale], (loc, scale) => this.draw(loc as tf.Tensor, scale as tf.Tensor, seed, batchSize));
  }

  /** exp(μ + σ²/2), `[batchSize, n]`. */
  mean(): tf.Tensor {
    return tf.tidy(() => {
      const mean = asMatrix(this.scale).square().mul(0.5).add(asMatrix(this.loc)).exp();
      return broadcastToShape(mean, [this.batchSize, this.eventSize]);
    });
  }

  private draw(loc: tf.Tensor, scale: tf.Tensor, seed: number, batchSize: number | undefined): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return tf.tidy(() => {
      // A derived seed: tf.randomNormal would treat seed 0 as unseeded.
      const eps = tf.randomNormal([rows, this.eventSize], 0, 1, 'float32', streamSeed(seed, 0));
      return eps.mul(asMatrix(scale)).add(asMatrix(loc)).exp();
    });
  }
}
