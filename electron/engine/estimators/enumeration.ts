import * as tf from '@tensorflow/tfjs';
import { enumerateBernoulli } from '../distributions/enumerate';
import { OneHotCategorical } from '../distributions/onehot-categorical';
import type { Distribution } from '../distributions/index';
import { ENUMERATION_LIMIT } from '../../../shared/graph/index';

/**
 * Every value an enumerated latent can take, `[K, n]` float32: the 2^n binary vectors of n
 * Bernoullis, or the K^G one-hot configurations of G groups of K classes.
 */
export function supportOf(d: Distribution): tf.Tensor2D {
  if (d.family === 'bernoulli') return enumerateBernoulli(d.eventSize, ENUMERATION_LIMIT) as tf.Tensor2D;
  if (d instanceof OneHotCategorical) return d.enumerateSupport(ENUMERATION_LIMIT) as tf.Tensor2D;
  throw new Error(`a ${d.family} latent cannot be enumerated: only Bernoulli and Categorical latents have a small discrete support`);
}

/**
 * The configuration of enumerated latent `i` on every row: with sizes K_0 … K_{m−1} the E = ΠK_j
 * configurations are numbered in mixed radix (the first latent most significant), and row
 * r = (e·S + s)·B + b holds configuration e, so each block of S·B rows shares one configuration.
 */
export function configurationIndices(sizes: readonly number[], i: number, rowsPerConfiguration: number): Int32Array {
  const total = sizes.reduce((a, b) => a * b, 1);
  const inner = sizes.slice(i + 1).reduce((a, b) => a * b, 1);
  const k = sizes[i]!;
  const out = new Int32Array(total * rowsPerConfiguration);
  for (let e = 0; e < total; e++) out.fill(Math.floor(e / inner) % k, e * rowsPerConfiguration, (e + 1) * rowsPerConfiguration);
  return out;
}
