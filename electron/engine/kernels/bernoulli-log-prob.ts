/**
 * Fused Bernoulli log-likelihood with logits, x·ℓ − softplus(ℓ) per element, and its gradients
 * (∂/∂ℓ = x − σ(ℓ), ∂/∂x = ℓ), as two wasm-backend kernels over same-shaped float32 tensors.
 *
 * Why: unfused, a VAE step spends more time in wasm's Softplus kernel (≈1.7 ms for the [128, 784]
 * likelihood, ≈17 ns/element) than in all the rest of its element-wise work. The unfused forward
 * (Mul, Softplus, Sub) and backward (Neg, Sigmoid, four Mul, an Add) become two passes of
 * simd/elementwise.wat (`bernoulliLogProb`, `bernoulliLogProbGrad`). Bernoulli.logProb and its
 * gradient for [128, 784] went from 3.1 to 1.6 ms (best of 40 interleaved blocks; medians 4.6 →
 * 2.2 ms on a loaded 2-core machine), ≈1.5–2.5 ms of a ≈30 ms vae-mnist step. (tf.profile lists
 * the customGrad wrapper as an "unnamed scope" whose time includes the forward kernel's.)
 *
 * Numerics (see the .wat): computed as (x − [ℓ ≥ 0])·ℓ − log1p(exp(−|ℓ|)), finite for every finite
 * ℓ, and without the cancellation of the unfused x·ℓ − softplus(ℓ) (whose error is absolute,
 * about ulp(|ℓ|)): the fused value is within ≈2 float32 ulps of |(x − [ℓ ≥ 0])·ℓ| + log1p(e^−|ℓ|),
 * and the gradient within ≈2 ulps of |x − [ℓ ≥ 0]| + σ(−|ℓ|), so x − σ(ℓ) keeps its relative
 * accuracy where σ(ℓ) rounds to 1 (the unfused x − σ(ℓ) is 0 there for x = 1). For |ℓ| > 87 the
 * terms in e^−|ℓ| are dropped (absolute error < 2e-38).
 *
 * Only the wasm backend has these kernels (`hasBernoulliLogProb`); elsewhere, and for operands
 * that broadcast, Bernoulli keeps the tf-op formula. Without the SIMD module the kernels run a
 * float64 JavaScript loop of the same formula.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapOffset, simdKernels } from './simd/instance';

export const BERNOULLI_LOG_PROB = 'LatentStudioBernoulliLogProb';
export const BERNOULLI_LOG_PROB_GRAD = 'LatentStudioBernoulliLogProbGrad';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown };

/** float64 reference loops (the fallback without SIMD): same formulas as the .wat. */
function valueLoop(x: Float32Array, l: Float32Array, out: Float32Array): void {
  for (let i = 0; i < out.length; i++) {
    const li = l[i]!;
    out[i] = (x[i]! - (li >= 0 ? 1 : 0)) * li - Math.log1p(Math.exp(-Math.abs(li)));
  }
}

function gradLoop(x: Float32Array, l: Float32Array, dy: Float32Array, dx: Float32Array, dl: Float32Array): void {
  for (let i = 0; i < dl.length; i++) {
    const li = l[i]!;
    const e = Math.exp(-Math.abs(li));
    const q = e / (1 + e);
    dl[i] = (li >= 0 ? x[i]! - 1 + q : x[i]! - q) * dy[i]!;
    dx[i] = li * dy[i]!;
  }
}

function valueKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { x, logits } = inputs as unknown as { x: tf.TensorInfo; logits: tf.TensorInfo };
  const b = backend as BackendWasm;
  const out = b.makeOutput(logits.shape, 'float32');
  const n = tf.util.sizeFromShape(logits.shape);
  const simd = simdKernels(b);
  if (simd) {
    simd.bernoulliLogProb(heapOffset(b, x), heapOffset(b, logits), heapOffset(b, out), n);
  } else {
    const heap = (t: tf.TensorInfo) => b.typedArrayFromHeap(t) as Float32Array;
    valueLoop(heap(x), heap(logits), heap(out));
  }
  return out;
}

function gradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const { x, logits, dy } = inputs as unknown as { x: tf.TensorInfo; logits: tf.TensorInfo; dy: tf.TensorInfo };
  const b = backend as BackendWasm;
  const dx = b.makeOutput(logits.shape, 'float32');
  const dl = b.makeOutput(logits.shape, 'float32');
  const n = tf.util.sizeFromShape(logits.shape);
  const simd = simdKernels(b);
  if (simd) {
    const at = (t: tf.TensorInfo) => heapOffset(b, t);
    simd.bernoulliLogProbGrad(at(x), at(logits), at(dy), at(dx), at(dl), n);
  } else {
    const heap = (t: tf.TensorInfo) => b.typedArrayFromHeap(t) as Float32Array;
    gradLoop(heap(x), heap(logits), heap(dy), heap(dx), heap(dl));
  }
  return [dx, dl];
}

/** Registers both kernels for the wasm backend (idempotent). */
export function registerBernoulliLogProb(): void {
  if (!tf.getKernel(BERNOULLI_LOG_PROB, 'wasm')) {
    tf.registerKernel({ kernelName: BERNOULLI_LOG_PROB, backendName: 'wasm', kernelFunc: valueKernel as unknown as tf.KernelFunc });
  }
  if (!tf.getKernel(BERNOULLI_LOG_PROB_GRAD, 'wasm')) {
    tf.registerKernel({ kernelName: BERNOULLI_LOG_PROB_GRAD, backendName: 'wasm', kernelFunc: gradKernel as unknown as tf.KernelFunc });
  }
}

// On import, like tfjs's own kernels, so `hasBernoulliLogProb` stays a lookup (it runs per logProb).
registerBernoulliLogProb();

/** Whether the current backend has the fused kernels (only wasm, once registered). */
export function hasBernoulliLogProb(): boolean {
  return tf.getKernel(BERNOULLI_LOG_PROB, tf.getBackend()) !== undefined && tf.getKernel(BERNOULLI_LOG_PROB_GRAD, tf.getBackend()) !== undefined;
}

/** The forward pass and its gradient, for tf.customGrad (whose typing passes `save` among the inputs). */
function fusedForward(x: tf.Tensor, logits: tf.Tensor, save: tf.GradSaveFunc) {
  save([x, logits]);
  const value = tf.engine().runKernel(BERNOULLI_LOG_PROB, { x, logits } as unknown as tf.NamedTensorMap) as tf.Tensor;
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
    const [xs, ls] = saved as [tf.Tensor, tf.Tensor];
    return tf.engine().runKernel(BERNOULLI_LOG_PROB_GRAD, { x: xs, logits: ls, dy } as unknown as tf.NamedTensorMap) as tf.Tensor[];
  };
  return { value, gradFunc };
}

const fused = tf.customGrad(fusedForward as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor, logits: tf.Tensor) => tf.Tensor;

/**
 * x·ℓ − softplus(ℓ) elementwise with the fused kernels; x and logits float32 of one shape, on a
 * backend where `hasBernoulliLogProb()`. Differentiable in both.
 */
export function bernoulliLogProbFused(x: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  if (x.dtype !== 'float32' || logits.dtype !== 'float32' || !tf.util.arraysEqual(x.shape, logits.shape)) {
    throw new Error(`bernoulliLogProbFused needs float32 operands of one shape, got ${x.dtype} [${x.shape.join(', ')}] and ${logits.dtype} [${logits.shape.join(', ')}]`);
  }
  registerBernoulliLogProb();
  return fused(x, logits);
}
