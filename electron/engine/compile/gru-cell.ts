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

/**
 * The recurrent weights of a GRU sliced once per pass: W_hr, W_hz side by side `[H, 2H]`, W_hn
 * `[H, H]` and b_hn. (b_hr and b_hz are added to the input side, `gruInputs`, where they are
 * computed once for every position.)
 */
export interface GruPass {
  readonly hidden: number;
  readonly recurrentRz: tf.Tensor2D;
  readonly recurrentN: tf.Tensor2D;
  readonly biasN: tf.Tensor1D;
}

export function gruPass(w: GruWeights): GruPass {
  const H = w.hidden;
  return {
    hidden: H,
    recurrentRz: tf.slice(w.recurrentKernel, [0, 0], [H, 2 * H]) as tf.Tensor2D,
    recurrentN: tf.slice(w.recurrentKernel, [0, 2 * H], [H, H]) as tf.Tensor2D,
    biasN: tf.slice(w.recurrentBias, [2 * H], [H]) as tf.Tensor1D,
  };
}

/** The input side of one position: x W_ir + b_ir + b_hr beside x W_iz + b_iz + b_hz, `[B, 2H]`, and x W_in + b_in, `[B, H]`. */
export interface GruInput {
  readonly rz: tf.Tensor2D;
  readonly n: tf.Tensor2D;
}

/**
 * The input side of every position at once (one matmul instead of one per step): `x` holds B
 * sequences of T positions, `[B·T, E]` row b·T + t; returns T inputs of `[B, ...]` each.
 */
export function gruInputs(x: tf.Tensor2D, B: number, T: number, w: GruWeights): GruInput[] {
  const H = w.hidden;
  const recurrentRz = tf.concat([tf.slice(w.recurrentBias, [0], [2 * H]), tf.zeros([H])]);
  const xi = tf.add(tf.matMul(x, w.inputKernel as tf.Tensor2D), tf.add(w.inputBias, recurrentRz));
  const [rz, n] = tf.split(tf.reshape(xi, [B, T, 3 * H]), [2 * H, H], 2);
  const rzs = tf.unstack(rz!, 1) as tf.Tensor2D[];
  const ns = tf.unstack(n!, 1) as tf.Tensor2D[];
  return rzs.map((r, t) => ({ rz: r, n: ns[t]! }));
}

/**
 * One step of the GRU from the input side of a position and the state `h`, `[B, H]`
 * (PyTorch's nn.GRU equations, gates in its order r, z, n):
 *
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz),
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h.
 *
 * Written with few ops (each tfjs op costs its overhead twice, forward and backward, per position):
 * r and z in one matmul, the input side (biases included) computed for every position beforehand.
 */
export function gruStep(x: GruInput, h: tf.Tensor2D, p: GruPass): tf.Tensor2D {
  const H = p.hidden;
  const B = h.shape[0];
  const rz = tf.sigmoid(tf.add(tf.matMul(h, p.recurrentRz), x.rz));
  const r = tf.slice(rz, [0, 0], [B, H]);
  const z = tf.slice(rz, [0, H], [B, H]);
  const hn = tf.fused.matMul({ a: h, b: p.recurrentN, bias: p.biasN });
  const n = tf.tanh(tf.add(x.n, tf.mul(r, hn)));
  // (1 − z) n + z h = n + z (h − n)
  return tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
}
