import * as tf from '@tensorflow/tfjs';

import { asFloat, asMatrix, valueBatch } from './batch';
import type { Distribution } from './distribution';
import { stopGradient } from './no-grad';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * What computes an affine autoregressive step's shift m and log-scale s from the step's input
 * (a MADE): output d must depend only on the inputs before d in some order.
 */
export interface AffineConditioner {
  forward(x: tf.Tensor2D): Record<string, tf.Tensor2D>;
}

/**
 * A masked autoregressive flow (Papamakarios et al., 2017) over R^D with base N(0, I): the steps,
 * in the density direction, carry x = u_0 to u_K by u_k = (u_{k−1} − m_k(u_{k−1})) ⊙ exp(−s_k(u_{k−1})),
 * so that by the change of variables
 *
 *   log p(x) = log N(u_K; 0, I) − Σ_k Σ_d s_{k,d}
 *
 * (the log-determinant of ∂u_k/∂u_{k−1}, triangular with diagonal exp(−s_k), is −Σ_d s_{k,d}).
 * Density evaluation is one pass per step; sampling inverts each step, u_{k−1} = u_k ⊙ exp(s_k) + m_k,
 * which takes D passes of its conditioner since dimension d needs the dimensions before it.
 * The distribution is unconditional (batch size 1): its parameters are the conditioners' weights.
 */
export class AffineFlow implements Distribution {
  readonly family = 'flow' as const;
  readonly hasRsample = false;
  readonly support = 'real' as const;
  readonly paramConstraints = {} as const;
  readonly batchSize = 1;

  constructor(readonly steps: readonly AffineConditioner[], readonly eventSize: number) {
    if (steps.length === 0) throw new Error('a flow needs at least one step');
  }

  get components(): number {
    return this.eventSize;
  }

  /** u_K and the log-determinant of each dimension, Σ_k −s_{k,d}, for x [B, D]. */
  transform(x: tf.Tensor): { u: tf.Tensor2D; logDetPerDim: tf.Tensor2D } {
    return tf.tidy(() => {
      let u = asFloat(asMatrix(x)) as tf.Tensor2D;
      let logDet: tf.Tensor2D = tf.zerosLike(u);
      for (const step of this.steps) {
        const { shift, logScale } = paramsOf(step, u);
        u = tf.mul(tf.sub(u, shift), tf.exp(tf.neg(logScale))) as tf.Tensor2D;
        logDet = tf.sub(logDet, logScale) as tf.Tensor2D;
      }
      return { u, logDetPerDim: logDet };
    });
  }

  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /** −½u_{K,d}² − ½ log 2π − Σ_k s_{k,d} per dimension (their sum is log p(x); one term alone is not a marginal). */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    valueBatch(value, this.eventSize, 'Flow');
    return tf.tidy(() => {
      const { u, logDetPerDim } = this.transform(value);
      return u.square().mul(-0.5).sub(HALF_LOG_2PI).add(logDetPerDim);
    });
  }

  entropy(): tf.Tensor {
    throw new Error('a flow has no closed-form entropy');
  }

  /** u ~ N(0, I), then each step inverted from the last: x = u ⊙ exp(s(x)) + m(x), iterated D times. No gradient. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    const rows = batchSize ?? 1;
    const D = this.eventSize;
    return tf.tidy(() => {
      let u = tf.randomNormal([rows, D], 0, 1, 'float32', seed) as tf.Tensor2D;
      for (let k = this.steps.length - 1; k >= 0; k--) {
        const step = this.steps[k]!;
        // Pass i fixes the dimensions of degree ≤ i: output d reads only dimensions before it, which are already final.
        let x = tf.zerosLike(u) as tf.Tensor2D;
        for (let i = 0; i < D; i++) {
          const next = tf.tidy(() => {
            const { shift, logScale } = paramsOf(step, x);
            return tf.add(tf.mul(u, tf.exp(logScale)), shift) as tf.Tensor2D;
          });
          x.dispose();
          x = next;
        }
        u = x;
      }
      return stopGradient(u);
    });
  }

  rsample(): tf.Tensor {
    throw new Error('a flow density over data is not a reparameterised posterior here');
  }

  mean(): tf.Tensor {
    throw new Error('a flow has no closed-form mean; draw samples instead');
  }
}

function paramsOf(step: AffineConditioner, x: tf.Tensor2D): { shift: tf.Tensor2D; logScale: tf.Tensor2D } {
  const out = step.forward(x);
  const shift = out.shift;
  const logScale = out.logScale;
  if (!shift || !logScale) throw new Error("internal: a flow step's conditioner gives no 'shift' and 'logScale'");
  return { shift, logScale };
}
