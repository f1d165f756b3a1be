import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

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

function wasmKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo[] {
  const { p, g, m, v } = inputs as unknown as Inputs;
  const b = backend as BackendWasm;
  const outs = [b.makeOutput(p.shape, 'float32'), b.makeOutput(p.shape, 'float32'), b.makeOutput(p.shape, 'float32')];
  // Views are taken after every makeOutput: an allocation may grow the heap and detach older views.
  const heap = (t: tf.TensorInfo) => b.typedArrayFromHeap(t) as Float32Array;
  update(heap(p), heap(g), heap(m), heap(v), heap(outs[0]!), heap(outs[1]!), heap(outs[2]!), attrs as unknown as AdamUpdateAttrs);
  return outs;
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
