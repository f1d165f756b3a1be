import * as tf from '@tensorflow/tfjs';

import type { AffineConditioner } from './affine-flow';
import { asFloat, asMatrix, valueBatch } from './batch';
import type { Distribution } from './distribution';
import { stopGradient } from './no-grad';

/** A draw of the flow and the log-density of each dimension along it. */
interface Draw {
  readonly value: tf.Tensor2D;
  readonly logProbPerDim: tf.Tensor2D;
}

/**
 * An inverse autoregressive flow (Kingma et al., 2016) as an approximate posterior: a base
 * q_0(z_0 | x) (the encoder's Normal N(μ(x), σ(x)²)) carried by steps
 *
 *   z_k = z_{k−1} ⊙ σ_k + m_k,   σ_k = exp(s_k),   (m_k, s_k) = MADE_k(z_{k−1}),
 *
 * each step one pass of its MADE (m_{k,d} and s_{k,d} depend only on z_{k−1} before d, so the
 * Jacobian ∂z_k/∂z_{k−1} is triangular with diagonal σ_k). By the change of variables,
 *
 *   log q(z_K | x) = log q_0(z_0 | x) − Σ_k Σ_d s_{k,d}      (minus: the flow stretches by σ)
 *
 * = log N(ε; 0, I) − Σ_d log σ_0,d − Σ_k Σ_d log σ_{k,d} for z_0 = μ + σ_0 ⊙ ε.
 *
 * The density is computed along a draw: `rsample` records log q of each dimension of the value it
 * returns, and `logProb` of that very tensor reads it (with its gradient, created in the caller's
 * scope like the draw). Any other value is scored by inverting the steps, z_{k−1} = (z_k − m_k) ⊙
 * exp(−s_k), which takes D passes of each MADE (dimension d needs the dimensions before it).
 */
export class InverseAutoregressiveFlow implements Distribution {
  readonly family = 'flow' as const;
  readonly hasRsample = true;
  readonly support = 'real' as const;
  readonly paramConstraints = {} as const;
  private readonly draws: Draw[] = [];

  constructor(readonly base: Distribution, readonly steps: readonly AffineConditioner[], readonly eventSize: number) {
    if (steps.length === 0) throw new Error('an inverse autoregressive flow needs at least one step');
    if (base.eventSize !== eventSize) throw new Error(`the base of the flow has ${base.eventSize} dimensions, the flow ${eventSize}`);
  }

  get batchSize(): number {
    return this.base.batchSize;
  }

  get components(): number {
    return this.eventSize;
  }

  /** z_K from z_0, and Σ_k s_{k,d} per dimension. */
  private push(z0: tf.Tensor2D): { z: tf.Tensor2D; logScaleSum: tf.Tensor2D } {
    let z = z0;
    let sum: tf.Tensor2D = tf.zerosLike(z0);
    for (const step of this.steps) {
      const { shift, logScale } = paramsOf(step, z);
      z = tf.add(tf.mul(z, tf.exp(logScale)), shift) as tf.Tensor2D;
      sum = tf.add(sum, logScale) as tf.Tensor2D;
    }
    return { z, logScaleSum: sum };
  }

  /** z_0 ~ q_0 by its reparameterisation, then the steps; records log q per dimension of the draw. */
  rsample(seed: number, batchSize?: number): tf.Tensor {
    const [value, logProbPerDim] = tf.tidy(() => {
      const z0 = asMatrix(this.base.rsample(seed, batchSize)) as tf.Tensor2D;
      const { z, logScaleSum } = this.push(z0);
      return [z, tf.sub(this.base.logProbPerDim(z0), logScaleSum) as tf.Tensor2D];
    });
    this.draws.push({ value, logProbPerDim });
    return value;
  }

  /** The same draw as `rsample(seed)`, with the gradient cut. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    return tf.tidy(() => {
      const z0 = asMatrix(this.base.rsample(seed, batchSize)) as tf.Tensor2D;
      return stopGradient(this.push(z0).z);
    });
  }

  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /**
   * log q_0(z_0)_d − Σ_k s_{k,d} per dimension (their sum is log q(z_K | x); one term alone is not
   * a marginal): read from the draw when `value` is one, else by inverting the steps.
   */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const drawn = this.draws.find((d) => d.value === value && !d.logProbPerDim.isDisposed);
    if (drawn) return tf.clone(drawn.logProbPerDim);
    valueBatch(value, this.eventSize, 'Flow posterior');
    return tf.tidy(() => {
      let z = asFloat(asMatrix(value)) as tf.Tensor2D;
      let sum: tf.Tensor2D = tf.zerosLike(z);
      for (let k = this.steps.length - 1; k >= 0; k--) {
        const step = this.steps[k]!;
        // Pass i fixes the dimensions of degree ≤ i: m_d and s_d read only dimensions before d, already final.
        // (Intermediates are kept until the outer tidy ends, so a gradient can pass through them.)
        let prev = tf.zerosLike(z) as tf.Tensor2D;
        for (let i = 0; i < this.eventSize; i++) {
          const { shift, logScale } = paramsOf(step, prev);
          prev = tf.mul(tf.sub(z, shift), tf.exp(tf.neg(logScale))) as tf.Tensor2D;
        }
        sum = tf.add(sum, paramsOf(step, prev).logScale) as tf.Tensor2D;
        z = prev;
      }
      return tf.sub(this.base.logProbPerDim(z), sum);
    });
  }

  entropy(): tf.Tensor {
    throw new Error('an inverse autoregressive flow has no closed-form entropy');
  }

  /**
   * Not E_q[z] (which has no closed form): the flow applied to the base's mean, z_K(μ(x)), the
   * point q's draws gather around. The inspection's latent map and reconstructions use it.
   */
  mean(): tf.Tensor {
    return tf.tidy(() => this.push(asMatrix(this.base.mean()) as tf.Tensor2D).z);
  }
}

function paramsOf(step: AffineConditioner, x: tf.Tensor2D): { shift: tf.Tensor2D; logScale: tf.Tensor2D } {
  const out = step.forward(x);
  const shift = out.shift;
  const logScale = out.logScale;
  if (!shift || !logScale) throw new Error("internal: an IAF step's conditioner gives no 'shift' and 'logScale'");
  return { shift, logScale };
}
