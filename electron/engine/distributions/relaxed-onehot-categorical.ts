import * as tf from '@tensorflow/tfjs';

import { asFloat, asMatrix, assertFloat32, broadcastSize, broadcastToShape, matrixShape, sampleRows, valueBatch } from './batch';
import { gumbelNoise } from './categorical';
import type { Distribution } from './distribution';
import { stopGradient, withoutGradient } from './no-grad';
import { groupSize } from './onehot-categorical';
import { logTemperature, temperatureShape, type Temperature } from './relaxed-bernoulli';

// Simplex values are clipped below at the smallest normal float32 before their log is taken: a
// coordinate that underflowed to 0 (possible at low temperature) would otherwise give −∞.
const Y_MIN = 1.1754944e-38;

/** log Γ(K) = log (K − 1)! in float64, for the Concrete density's normalising constant. */
function logGammaOfInteger(k: number): number {
  let s = 0;
  for (let j = 2; j < k; j++) s += Math.log(j);
  return s;
}

/**
 * Concrete / Gumbel-softmax distribution (Maddison, Mnih & Teh 2017; Jang, Gu & Poole 2017): G
 * independent groups, each a point of the K-simplex, relaxing `OneHotCategorical` with the same
 * layout. Float32 logits ℓ `[B, G·K]`, `[1, G·K]` or `[G·K]`; temperature τ > 0, a number or a
 * float32 tensor: a scalar or `[1, 1]` (one temperature), `[B, 1]` (per row), `[1, G]` / `[G]` (per
 * group) or `[B, G]`.
 *
 * A draw is y_g = softmax((ℓ_g + g_g)/τ) per group with g standard Gumbel noise
 * (`gumbelNoise([rows, G·K], seed)`), reparameterised and differentiable in ℓ and τ. Its argmax is
 * the Gumbel-max draw of the same noise, so `hard(rsample(seed))` equals
 * `new OneHotCategorical(logits, G).sample(seed)`. As τ → 0 draws approach the vertices (one-hot
 * vectors); as τ grows they approach the centre of the simplex.
 *
 * Density of one group (torch's ExpRelaxedCategorical pushed through exp, with α = softmax(ℓ)):
 *   log p(y) = log (K − 1)! + (K − 1) log τ + Σ_k (log α_k − (τ + 1) log y_k) − K log Σ_k α_k y_k^−τ.
 * With s_k = ℓ_k − τ log y_k it is log (K − 1)! + (K − 1) log τ + Σ_k s_k − K logsumexp(s) − Σ_k log y_k,
 * where the normalisation of ℓ cancels (raw logits may be used) and logsumexp keeps it finite.
 *
 * No closed-form entropy (`entropy` throws); `mean` returns softmax(ℓ) per group, the mean of the
 * underlying one-hot categorical (the τ → 0 limit), not E[y] (which has no closed form).
 */
export class RelaxedOneHotCategorical implements Distribution {
  readonly family = 'relaxed-onehot-categorical' as const;
  readonly hasRsample = true;
  readonly support = 'simplex' as const;
  readonly paramConstraints = { temperature: 'positive', logits: 'real' } as const;
  readonly eventSize: number;
  readonly batchSize: number;
  /** The number of categories K of each group. */
  readonly categories: number;
  /** Columns of the temperature: 1 (shared by the groups) or G (one per group). */
  private readonly temperatureColumns: number;

  constructor(
    readonly temperature: Temperature,
    readonly logits: tf.Tensor,
    /** The number G of independent groups the event splits into. */
    readonly groups = 1,
  ) {
    assertFloat32(logits, 'RelaxedOneHotCategorical logits');
    const [bl, width] = matrixShape(logits, 'RelaxedOneHotCategorical logits');
    this.categories = groupSize(width, groups, 'RelaxedOneHotCategorical');
    const [bt, t] = temperatureShape(temperature, 'RelaxedOneHotCategorical');
    if (t !== 1 && t !== groups) {
      throw new Error(
        `RelaxedOneHotCategorical temperature must have 1 or ${groups} (groups) columns, got [${
          typeof temperature === 'number' ? '' : temperature.shape.join(', ')
        }]`,
      );
    }
    this.temperatureColumns = t;
    this.batchSize = broadcastSize(bl, bt, 'RelaxedOneHotCategorical temperature/logits batch');
    this.eventSize = width;
  }

  /** One component per group. */
  get components(): number {
    return this.groups;
  }

  /** Σ_g log p(y_g), shape `[B]`. */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /**
   * The Concrete log density of each group, `[B, G]` (formula in the class notes). `value` is
   * `[B, G·K]` with each group on the simplex; it broadcasts against the parameters' batch.
   */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const valueRows = valueBatch(value, this.eventSize, 'RelaxedOneHotCategorical');
    const rows = broadcastSize(valueRows, this.batchSize, 'RelaxedOneHotCategorical logProb');
    const [G, K] = [this.groups, this.categories];
    return tf.tidy(() => {
      const logY = asFloat(asMatrix(value)).clipByValue(Y_MIN, 1).log().reshape([valueRows, G, K]);
      const tau = this.temperature3();
      const s = this.grouped(this.logits).sub(logY.mul(tau));
      const logTau = logTemperature(tau);
      const constant = typeof logTau === 'number' ? logTau * (K - 1) : logTau.mul(K - 1).squeeze([2]);
      const perGroup = s
        .sum(-1)
        .sub(tf.logSumExp(s, -1).mul(K))
        .sub(logY.sum(-1))
        .add(constant)
        .add(logGammaOfInteger(K));
      return broadcastToShape(perGroup, [rows, G]);
    });
  }

  /** Throws: the Concrete distribution has no closed-form entropy (estimate −E[log p(y)] from rsample draws). */
  entropy(): tf.Tensor {
    throw new Error('RelaxedOneHotCategorical has no closed-form entropy; estimate it as −mean(logProb(rsample(seed)))');
  }

  /** y_g = softmax((ℓ_g + g_g)/τ) per group, `[rows, G·K]`, Gumbel noise seeded; differentiable in ℓ and τ. */
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
   * The one-hot value of a relaxed draw: per group, 1 at the argmax of y and 0 elsewhere, float32
   * `[rows, G·K]` with no gradient. For y = rsample(seed) it is the exact OneHotCategorical draw of
   * the same Gumbel noise.
   */
  hard(y: tf.Tensor): tf.Tensor {
    const rows = valueBatch(y, this.eventSize, 'RelaxedOneHotCategorical');
    const [G, K] = [this.groups, this.categories];
    return withoutGradient([y], (t) =>
      tf.tidy(() => {
        const index = asMatrix(t).reshape([rows * G, K]).argMax(-1) as tf.Tensor1D;
        return tf.oneHot(index, K).cast('float32').reshape([rows, G * K]);
      }),
    );
  }

  /**
   * Straight-through Gumbel-softmax: the value of `hard(y)`, the gradient of y. Computed as
   * hard(y) + (y − stopGradient(y)); the bracket is exactly 0, so the value is exactly one-hot.
   */
  straightThrough(y: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.hard(y).add(asMatrix(y).sub(stopGradient(asMatrix(y)))));
  }

  /** softmax(ℓ_g) per group, `[batchSize, G·K]`: the underlying categorical's mean, not E[y]. */
  mean(): tf.Tensor {
    return tf.tidy(() => {
      const [bl] = matrixShape(this.logits, 'RelaxedOneHotCategorical logits');
      const p = tf.softmax(asMatrix(this.logits).reshape([bl * this.groups, this.categories]), -1).reshape([bl, this.eventSize]);
      return broadcastToShape(p, [this.batchSize, this.eventSize]);
    });
  }

  /** Logits (or a stand-in inside a custom gradient) as `[b, G, K]`. */
  private grouped(logits: tf.Tensor): tf.Tensor {
    const [b] = matrixShape(logits, 'RelaxedOneHotCategorical logits');
    return asMatrix(logits).reshape([b, this.groups, this.categories]);
  }

  /** The temperature as `[b, 1 or G, 1]` (broadcasting over categories), or the number. */
  private temperature3(temperature: Temperature = this.temperature): tf.Tensor | number {
    if (typeof temperature === 'number') return temperature;
    const bt = temperature.rank === 2 ? (temperature.shape[0] as number) : 1;
    return temperature.reshape([bt, this.temperatureColumns, 1]);
  }

  private draw(temperature: Temperature, logits: tf.Tensor, seed: number, batchSize: number | undefined): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    const [G, K] = [this.groups, this.categories];
    return tf.tidy(() => {
      const noise = gumbelNoise([rows, this.eventSize], seed).reshape([rows, G, K]);
      const z = this.grouped(logits).add(noise).div(this.temperature3(temperature));
      return tf.softmax(z.reshape([rows * G, K]), -1).reshape([rows, G * K]);
    });
  }
}
