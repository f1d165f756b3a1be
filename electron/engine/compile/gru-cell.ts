import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/prng';
import { uniformInit } from './init';
import type { VariableSet } from './variable-set';

/**
 * The weights of a GRU layer, laid out as PyTorch's nn.GRU with the gates side by side in its
 * order r (reset), z (update), n (new): `inputKernel` [E, 3H] is W_ih transposed, `recurrentKernel`
 * [H, 3H] is W_hh transposed, and the biases b_ih, b_hh are [3H] each.
 */
export interface GruWeights {
  readonly hidden: number;
  readonly inputKernel: tf.Variable;
  readonly inputBias: tf.Variable;
  readonly recurrentKernel: tf.Variable;
  readonly recurrentBias: tf.Variable;
}

/** A GRU layer's weights, initialised as PyTorch's: every one U(−1/√H, 1/√H). */
export function createGruWeights(vars: VariableSet, prefix: string, input: number, hidden: number, rng: Rng): GruWeights {
  // uniformInit's bound is 1/√fanIn: here PyTorch uses 1/√H for all four tensors.
  return {
    hidden,
    inputKernel: vars.add(`${prefix}/input_kernel`, uniformInit(rng, input * 3 * hidden, hidden), [input, 3 * hidden]),
    inputBias: vars.add(`${prefix}/input_bias`, uniformInit(rng, 3 * hidden, hidden), [3 * hidden]),
    recurrentKernel: vars.add(`${prefix}/recurrent_kernel`, uniformInit(rng, hidden * 3 * hidden, hidden), [hidden, 3 * hidden]),
    recurrentBias: vars.add(`${prefix}/recurrent_bias`, uniformInit(rng, 3 * hidden, hidden), [3 * hidden]),
  };
}

/** x W_ih^T + b_ih for inputs `[N, E]` (all positions at once: one matmul instead of one per step): `[N, 3H]`. */
export function gruInputProjection(x: tf.Tensor2D, w: GruWeights): tf.Tensor2D {
  return tf.add(tf.matMul(x, w.inputKernel as tf.Tensor2D), w.inputBias) as tf.Tensor2D;
}

/**
 * One step of the GRU from the projected input `xi` = x W_ih^T + b_ih, `[B, 3H]`, and the state
 * `h`, `[B, H]` (PyTorch's equations):
 *
 *   r = σ(x_r + W_hr h + b_hr),  z = σ(x_z + W_hz h + b_hz),
 *   n = tanh(x_n + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h.
 */
export function gruStep(xi: tf.Tensor2D, h: tf.Tensor2D, w: GruWeights): tf.Tensor2D {
  const hh = tf.add(tf.matMul(h, w.recurrentKernel as tf.Tensor2D), w.recurrentBias) as tf.Tensor2D;
  const [xr, xz, xn] = tf.split(xi, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const [hr, hz, hn] = tf.split(hh, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const r = tf.sigmoid(tf.add(xr, hr));
  const z = tf.sigmoid(tf.add(xz, hz));
  const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
  // (1 − z) n + z h = n + z (h − n)
  return tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
}
