import * as tf from '@tensorflow/tfjs';

import { deriveSeed } from '../random/prng';

/**
 * Seeded random tensors shared by the continuous families: independent sub-streams of one seed,
 * uniforms kept inside (0, 1) for inverse-CDF sampling, and Gamma variates with a tensor of shape
 * parameters.
 *
 * Seeds. tfjs seeds each random op with its own generator, so two draws made with the same seed
 * are the same numbers: a family that needs two independent draws (a Normal and a uniform, say)
 * must give them different seeds. `streamSeed(seed, k)` hashes the pair (`deriveSeed`), so the
 * streams of one seed are unrelated to each other and to those of neighbouring seeds. It never
 * returns 0, because `tf.randomNormal` treats seed 0 as "no seed" and draws from Math.random.
 */
export function streamSeed(seed: number, stream: number): number {
  return deriveSeed(seed, stream) || 0x9e3779b9;
}

/** Smallest positive normal float32, the floor for draws that must stay strictly positive. */
export const FLOAT32_TINY = 1.1754943508222875e-38;

/** The largest float32 below 1 is 1 − 2⁻²⁴; uniforms are kept in [2⁻²⁴, 1 − 2⁻²⁴]. */
export const UNIFORM_EPS = 2 ** -24;

/**
 * Uniform draws in [2⁻²⁴, 1 − 2⁻²⁴], float32 `shape`, for inverse-CDF samplers: `tf.randomUniform`
 * returns [0, 1) in float64 and rounds to float32, so it can give exactly 0 and exactly 1, where
 * the inverse CDFs below are infinite. The clip moves a probability of about 1e-7 at each end.
 */
export function openUniform(shape: readonly number[], seed: number): tf.Tensor {
  return tf.tidy(() =>
    tf.clipByValue(tf.randomUniform([...shape], 0, 1, 'float32', streamSeed(seed, 0)), UNIFORM_EPS, 1 - UNIFORM_EPS),
  );
}

/** Rounds drawn before the sampler first checks (one data read) whether every element is accepted. */
const ROUNDS_BEFORE_CHECK = 4;
/** Hard cap on rounds; only parameters with no valid draw (NaN, ≤ 0) can reach it, and give NaN. */
const MAX_ROUNDS = 64;

/**
 * log X for X ~ Gamma(alpha, 1) elementwise, float32 `[rows, n]`, by Marsaglia and Tsang's method
 * ("A simple method for generating gamma variables", ACM TOMS 26, 2000), vectorised.
 *
 * `tf.randomGamma` cannot be used: its shape parameter is one JavaScript number for the whole
 * tensor (a batch of posteriors has one per element), its `beta` multiplies the draws (a scale,
 * although it is documented as a rate), and it ignores seed 0.
 *
 * Method, for α′ ≥ 1: d = α′ − ⅓, c = 1/√(9d); draw x ~ N(0, 1), u ~ U(0, 1), v = (1 + cx)³ and
 * accept d·v when v > 0 and log u < ½x² + d − dv + d log v. Every element draws a candidate each
 * round and keeps its first accepted one; acceptance is above 95 % for every α′ ≥ 1, so after four
 * rounds about one element in 10⁵ is still waiting, and further rounds run (each with one data
 * read) until none is. For α < 1 the draw is boosted: X = X′·U^{1/α} with X′ ~ Gamma(α + 1),
 * i.e. log X = log X′ + log(U)/α, which is why the result is a logarithm: for α = 0.01 the
 * variate itself is below the float32 range most of the time, its logarithm never is.
 *
 * Deterministic for a given seed on every backend (the random numbers are generated in
 * JavaScript by tfjs). Not differentiable (call it inside `withoutGradient`).
 *
 * @param alpha shape parameters, broadcast to `[rows, n]`.
 */
export function logGammaDraws(alpha: tf.Tensor, rows: number, n: number, seed: number): tf.Tensor {
  const shape = [rows, n];
  return tf.tidy(() => {
    const a = tf.broadcastTo(alpha, shape);
    const boosted = tf.less(a, 1);
    const d = tf.where(boosted, a.add(1), a).sub(1 / 3);
    const c = tf.sqrt(d.mul(9)).reciprocal();
    const logD = d.log();
    let result: tf.Tensor = tf.fill(shape, Number.NaN);
    let done: tf.Tensor = tf.zeros(shape, 'bool');
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const next = tf.tidy(() => {
        const x = tf.randomNormal(shape, 0, 1, 'float32', streamSeed(seed, 2 * round + 1));
        const u = tf.randomUniform(shape, 0, 1, 'float32', streamSeed(seed, 2 * round + 2));
        const root = c.mul(x).add(1);
        const positive = tf.greater(root, 0);
        const logV = tf.maximum(root, FLOAT32_TINY).log().mul(3);
        const v = logV.exp();
        const bound = x.square().mul(0.5).add(d.mul(tf.scalar(1).sub(v).add(logV)));
        const accept = tf.logicalAnd(positive, tf.less(u.log(), bound));
        const take = tf.logicalAnd(accept, tf.logicalNot(done));
        return { result: tf.where(take, logD.add(logV), result), done: tf.logicalOr(done, accept) };
      });
      result.dispose();
      done.dispose();
      result = next.result;
      done = next.done;
      if (round + 1 >= ROUNDS_BEFORE_CHECK && tf.tidy(() => tf.all(done).dataSync()[0]) === 1) break;
    }
    const u0 = tf.randomUniform(shape, 0, 1, 'float32', streamSeed(seed, 0));
    const boost = tf.where(boosted, u0.log().div(a), tf.zerosLike(a));
    return result.add(boost);
  });
}
