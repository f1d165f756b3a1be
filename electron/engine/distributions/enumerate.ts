import * as tf from '@tensorflow/tfjs';

import { DEFAULT_ENUMERATION_LIMIT } from './onehot-categorical';

export { DEFAULT_ENUMERATION_LIMIT, enumerateOneHot } from './onehot-categorical';

/**
 * Exact enumeration of small discrete supports: instead of sampling a discrete latent, a model
 * can sum p(z) p(x | z) over every value z, which has no Monte Carlo variance. The tables grow
 * exponentially, so each helper takes a `limit` on the number of rows and throws above it.
 */

/**
 * Every vector of n bits, float32 `[2^n, n]`: row r holds the binary digits of r, column 0 the
 * most significant (row 0 is all zeros, row 2^n − 1 all ones). These are the values of a
 * `Bernoulli` with event size n.
 *
 * @param limit the largest 2^n allowed (default 1024).
 */
export function enumerateBernoulli(n: number, limit = DEFAULT_ENUMERATION_LIMIT): tf.Tensor {
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`enumerateBernoulli: n must be a positive integer, got ${n}`);
  }
  const count = 2 ** n;
  if (count > limit) {
    throw new Error(`enumerateBernoulli: 2^${n} = ${count} configurations exceed the enumeration limit ${limit}`);
  }
  const data = new Float32Array(count * n);
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < n; j++) {
      // Bit (n − 1 − j) of r, by division: r may exceed 2^31 when the caller raises the limit.
      data[r * n + j] = Math.floor(r / 2 ** (n - 1 - j)) % 2;
    }
  }
  return tf.tensor2d(data, [count, n], 'float32');
}
