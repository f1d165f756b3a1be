import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapOffset, simdKernels } from './simd/instance';

/** Name of the engine's fused Adam kernel: one pass over p, g, m, v instead of ~12 tensor ops. */
export const ADAM_UPDATE = 'LatentStudioAdamUpdate';

/** Constants of one Adam step, bias corrections already folded in (PyTorch's form). */
export interface AdamUpdateAttrs {
  readonly beta1: number;
  readonly beta2: number;
  /** lr / (1 − β₁ᵗ) */
  readonly stepSize: number;
  /** 1 / √(1 − β₂ᵗ) */
  readonly invSqrtBias2: number;
  readonly epsilon: number;
  [key: string]: number;
}

/**
 * The update itself: m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², p' = p − stepSize · m' / (√v' · invSqrtBias2 + ε).
 * Writes into fresh arrays (tensors stay immutable, as tfjs assumes).
 */
function update(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, op: Float32Array, om: Float32Array, ov: Float32Array, a: AdamUpdateAttrs): void {
  const { beta1, beta2, stepSize, invSqrtBias2, epsilon } = a;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + c1 * gi;
    const vi = beta2 * v[i]! + c2 * gi * gi;
    om[i] = mi;
    ov[i] = vi;
    op[i] = p[i]! - (stepSize * mi) / (Math.sqrt(vi) * invSqrtBias2 + epsilon);
  }
}

type Inputs = { p: tf.TensorInfo; g: tf.TensorInfo; m: tf.TensorInfo; v: tf.TensorInfo };

/** How the wasm kernel ran last: the SIMD function on the heap, or the JS loop over heap views (tests check which). */
export type AdamWasmPath = 'simd' | 'js';
let lastWasmPath: AdamWasmPath | undefined;

/** The path the wasm kernel took on its latest call (undefined before the first). */
export function lastAdamWasmPath(): AdamWasmPath | undefined {
  return lastWasmPath;
}

/**
 * On wasm the update runs as `adam` of simd/elementwise.wat: f32x4 over the tensors in place in
 * the backend's heap. For the benchmark VAE's 653k parameters a step's updates take ≈0.7–0.8 ms
 * (≈0.5 of it the SIMD loop itself, the rest allocating outputs) against ≈4.8–6 ms for the loop
 * above over heap views, which stays as the fallback (no memory found, no SIMD) and as the cpu
 * backend's kernel.
 *
 * How its results differ from the loop's: the loop computes in float64 and rounds only what it
 * stores, and gives p' from the unrounded m', v'; the SIMD kernel rounds every operation to
 * float32 (the attributes too, and 1−β₁, 1−β₂ are rounded after subtracting in float64), in the
 * same order of operations. m' and v' are sums of two rounded products, so they can differ from
 * the loop's by about an ulp plus, where the two terms cancel (g against β₁m), the rounding of
 * the products relative to the larger term; p' moves by a few ulps of the step, which is far
 * below ulp(p) for any parameter that is not tiny. Overflow: (1−β₂)·g is formed first, as in the
 * loop, so v' overflows to +∞ for the same g as the loop's stored v' (up to rounding at the edge;
 * |g| ≳ 5.8e20 for β₂ = 0.999). On that step the loop still moves p, by its float64 v'; the
 * kernel leaves p as it is (m'/∞ = 0). Both store v = ∞, after which neither moves that p again.
 */
function wasmKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo[] {
  const { p, g, m, v } = inputs as unknown as Inputs;
  const b = backend as BackendWasm;
  const a = attrs as unknown as AdamUpdateAttrs;
  const outs = [b.makeOutput(p.shape, 'float32'), b.makeOutput(p.shape, 'float32'), b.makeOutput(p.shape, 'float32')] as const;
  const simd = simdKernels(b);
  if (simd) {
    // Offsets are stable (only views of the heap detach when it grows); taken after every makeOutput anyway.
    const at = (t: tf.TensorInfo) => heapOffset(b, t);
    simd.adam(
      at(p), at(g), at(m), at(v), at(outs[0]), at(outs[1]), at(outs[2]), tf.util.sizeFromShape(p.shape),
      a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.stepSize, a.invSqrtBias2, a.epsilon,
    );
    lastWasmPath = 'simd';
    return [...outs];
  }
  // Views are taken after every makeOutput: an allocation may grow the heap and detach older views.
  const heap = (t: tf.TensorInfo) => b.typedArrayFromHeap(t) as Float32Array;
  update(heap(p), heap(g), heap(m), heap(v), heap(outs[0]), heap(outs[1]), heap(outs[2]), a);
  lastWasmPath = 'js';
  return [...outs];
}

function cpuKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo[] {
  const { p, g, m, v } = inputs as unknown as Inputs;
  const b = backend as { data: { get(id: object): { values: Float32Array } }; makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo };
  const read = (t: tf.TensorInfo) => b.data.get(t.dataId).values;
  const n = read(p).length;
  const op = new Float32Array(n);
  const om = new Float32Array(n);
  const ov = new Float32Array(n);
  update(read(p), read(g), read(m), read(v), op, om, ov, attrs as unknown as AdamUpdateAttrs);
  return [b.makeTensorInfo(p.shape, 'float32', op), b.makeTensorInfo(p.shape, 'float32', om), b.makeTensorInfo(p.shape, 'float32', ov)];
}

/** Registers the fused Adam kernel for the wasm and cpu backends (idempotent). */
export function registerAdamUpdate(): void {
  for (const [backendName, kernelFunc] of [['wasm', wasmKernel], ['cpu', cpuKernel]] as const) {
    if (!tf.getKernel(ADAM_UPDATE, backendName)) tf.registerKernel({ kernelName: ADAM_UPDATE, backendName, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}

/** Whether the current backend has the fused kernel (tfjs-node does not: it takes the op-by-op path). */
export function hasAdamUpdate(): boolean {
  return tf.getKernel(ADAM_UPDATE, tf.getBackend()) !== undefined;
}

/** Runs one fused Adam step; returns the new [p, m, v] (float32, p's shape). */
export function adamUpdate(p: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, attrs: AdamUpdateAttrs): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const out = tf.engine().runKernel(ADAM_UPDATE, { p, g, m, v } as unknown as tf.NamedTensorMap, attrs) as unknown as tf.Tensor[];
  return [out[0]!, out[1]!, out[2]!];
}
