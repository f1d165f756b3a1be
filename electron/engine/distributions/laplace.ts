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
import { log1p } from './special';

const LOG_2 = Math.LN2;

/**
 * Independent Laplace(μ, b) variables over an event of `eventSize` dims, with `loc` μ and
 * `scale` b > 0 (torch.distributions' names): density e^{−|x − μ|/b} / (2b), mean μ, variance 2b².
 *
 * Parameters are float32 `[B, n]`, `[1, n]` or `[n]` and broadcast against each other as in
 * `Normal`; `scale` must be positive and is used as given.
 */
export class Laplace implements Distribution {
  readonly family = 'laplace' as const;
  readonly hasRsample = true;
  readonly support = 'real' as const;
  readonly paramConstraints = { loc: 'real', scale: 'positive' } as const;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(
    readonly loc: tf.Tensor,
    readonly scale: tf.Tensor,
  ) {
    [this.batchSize, this.eventSize] = parameterShape('Laplace', { loc, scale });
  }

  get components(): number {
    return this.eventSize;
  }

  /** Σ_i log density, shape `[B]` (the sum of `logProbPerDim`). */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /** −|x − μ|/b − log b − log 2 per dimension, `[B, n]`. */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'Laplace'), this.batchSize, 'Laplace logProb');
    return tf.tidy(() => {
      const scale = asMatrix(this.scale);
      const z = asFloat(asMatrix(value)).sub(asMatrix(this.loc)).abs().div(scale);
      const perDim = z.neg().sub(scale.log()).sub(LOG_2);
      return broadcastToShape(perDim, [rows, this.eventSize]);
    });
  }

  /** Σ_i [1 + log 2b], shape `[batchSize]`. */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const perDim = asMatrix(this.scale).log().add(1 + LOG_2);
      return broadcastToShape(perDim, [this.batchSize, this.eventSize]).sum(-1);
    });
  }

  /**
   * The inverse CDF x = μ − b·sign(u − ½)·log(1 − 2|u − ½|) elementwise (u in (0, 1), broadcast
   * against the parameters), with log1p for the logarithm. Differentiable in μ and b:
   * ∂x/∂μ = 1, ∂x/∂b = (x − μ)/b.
   */
  icdf(u: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const w = asFloat(u).sub(0.5);
      const e = tf.sign(w).mul(log1p(w.abs().mul(-2)));
      return asMatrix(this.loc).sub(e.mul(asMatrix(this.scale)));
    });
  }

  /**
   * `icdf(u)` with u ~ U(0, 1) seeded, `[rows, n]`; differentiable in loc and scale. u is kept in
   * [2⁻²⁴, 1 − 2⁻²⁴], which bounds a draw to within about 16 scales of the location (a tail of
   * probability 1e-7 is cut).
   */
  rsample(seed: number, batchSize?: number): tf.Tensor {
    return this.draw(this.loc, this.scale, seed, batchSize);
  }

  /** Same draw as `rsample(seed)`, with the gradient cut. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    return withoutGradient([this.loc, this.scale], (loc, scale) => this.draw(loc as tf.Tensor, scale as tf.Tensor, seed, batchSize));
  }

  /** `loc` broadcast to `[batchSize, eventSize]`. */
  mean(): tf.Tensor {
    return tf.tidy(() => broadcastToShape(asMatrix(this.loc), [this.batchSize, this.eventSize]).clone());
  }

  private draw(loc: tf.Tensor, scale: tf.Tensor, seed: number, batchSize: number | undefined): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return tf.tidy(() => new Laplace(loc, scale).icdf(openUniform([rows, this.eventSize], seed)));
  }
}
