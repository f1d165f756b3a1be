/**
 * Fast `BatchMatMul` and `_FusedMatMul` kernels for the tfjs wasm backend.
 *
 * Why: tfjs-backend-wasm 4.22 sends a matmul to XNNPACK only when neither operand is
 * transposed and both batch sizes are 1; everything else runs a naive C++ loop about 10×
 * slower. Every dense layer's backward pass is transposed (dW = xᵀ·dy, dx = dy·Wᵀ), so plain
 * training spent ~85% of a VAE step there (a [128,784]ᵀ·[128,400] product: 27–33 ms, vs
 * 2.4–2.7 ms after this rewrite). The replacement wraps the original kernels and rewrites such
 * calls into untransposed batch-1 calls of the original kernel (wasm-matmul-plan.ts chooses):
 * transposed operands are materialised with the wasm Transpose kernel (or the output is
 * transposed instead, when the cost model says that is cheaper), a batch-1 right operand is
 * folded into rows, and batch-vs-batch products are split into one call per batch entry.
 *
 * Every eligible call first goes to the sparse kernel (wasm-sparse-matmul.ts), which takes it
 * when the left operand is mostly zeros (binarised or one-hot data).
 *
 * Untransposed batch-1 products whose right operand is large (LARGE_WEIGHTS_BYTES, in the plan)
 * are computed as (bᵀ·aᵀ)ᵀ, so XNNPACK's packed weights fit in the cache; a fused one then gets
 * its bias and activation from the wasm Add and activation kernels.
 *
 * It also fixes a correctness bug: the original `_FusedMatMul` slow path adds `bias[n-1]`
 * instead of `bias[j]` to every row after the first (tf.fused.matMul with a bias and a
 * transpose flag or a batch was off by up to 4 in a 4×5 test). Rewritten calls never reach it.
 *
 * Registration may happen before or after `tf.setBackend('wasm')`: the wrappers keep the
 * original `setupFunc` (run when the backend initialises) and call the original kernel
 * functions, whose wasm bindings that setup creates.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
// Side effect: registers the wasm backend and its kernels, which are wrapped here.
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { chooseGemmMode, chooseStrategy, matMulTuning, preferTransposedProduct } from './wasm-matmul-plan';
import { copyBatch, transposeLastTwo, view, writeBatch, type PreparedMatMul } from './wasm-heap-ops';
import { trySparseProduct } from './wasm-sparse-matmul';

const BACKEND = 'wasm';
const KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;
/** Property on our kernel functions holding the config they replaced (global symbol: survives module reloads). */
const ORIGINAL = Symbol.for('latent-studio.wasm-fast-matmul.original');

type Wrapped = tf.KernelFunc & { [ORIGINAL]?: tf.KernelConfig };
type Multiply = (x: tf.TensorInfo, y: tf.TensorInfo) => tf.TensorInfo;

type Prepared = PreparedMatMul;

/** Collapses a call to rank 3 like the original kernel; null = leave it to the original. */
function prepare(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): Prepared | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return null;
  if (a.shape.includes(0) || b.shape.includes(0)) return null;
  const [aRows, aCols] = a.shape.slice(-2) as [number, number];
  const [bRows, bCols] = b.shape.slice(-2) as [number, number];
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const n = transposeB ? bRows : bCols;
  if ((transposeB ? bCols : bRows) !== k) return null; // the original throws the proper error
  let outer: number[];
  try {
    outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  } catch {
    return null;
  }
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  // Only "equal batches" or "one side has batch 1" map onto flat rank-3 batches.
  if (tf.util.sizeFromShape(outer) !== Math.max(batchA, batchB)) return null;
  return {
    batchA, batchB, m, k, n, transposeA, transposeB,
    outShape: [...outer, m, n],
    a3: view(a, [batchA, aRows, aCols]),
    b3: view(b, [batchB, bRows, bCols]),
  };
}

/** X [bx, p, k] · Y [by, k, q] with no transposes, through batch-1 calls of `multiply`. */
function gemm(x: tf.TensorInfo, y: tf.TensorInfo, multiply: Multiply, backend: BackendWasm, avoidSlow: boolean): tf.TensorInfo {
  const [bx, p, k] = x.shape as [number, number, number];
  const [by, , q] = y.shape as [number, number, number];
  const mode = chooseGemmMode(bx, by, p, k, q, avoidSlow);
  if (mode === 'fold') {
    const out = multiply(view(x, [1, bx * p, k]), y);
    out.shape = [bx, p, q];
    return out;
  }
  if (mode !== 'loop') return multiply(x, y);
  const batch = Math.max(bx, by);
  const out = backend.makeOutput([batch, p, q], 'float32');
  const temps: tf.TensorInfo[] = [];
  try {
    for (let i = 0; i < batch; i++) {
      const xi = bx === 1 ? x : copyBatch(x, i, backend);
      if (xi !== x) temps.push(xi);
      // A fresh right operand per call also matters for correctness: XNNPACK caches packed
      // weights by tensor id, so reusing one buffer with new contents would reuse stale weights.
      const yi = copyBatch(y, i, backend);
      temps.push(yi);
      const part = multiply(xi, yi);
      temps.push(part);
      writeBatch(out, i, part, backend);
      for (const t of temps.splice(0)) backend.disposeData(t.dataId);
    }
  } catch (err) {
    backend.disposeData(out.dataId);
    throw err;
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
  return out;
}

/** Runs a prepared call with the planned strategy; null when no plan applies. */
function run(g: Prepared, multiply: Multiply, backend: BackendWasm, transpose: tf.KernelFunc, allowOutputT: boolean, avoidSlow: boolean): tf.TensorInfo | null {
  const strategy = chooseStrategy(g, allowOutputT, avoidSlow);
  if (strategy === null) return null;
  const temps: tf.TensorInfo[] = [];
  const T = (x: tf.TensorInfo): tf.TensorInfo => {
    const t = transposeLastTwo(x, backend, transpose);
    temps.push(t);
    return t;
  };
  try {
    let out: tf.TensorInfo;
    if (strategy === 'transpose-operands') {
      out = gemm(g.transposeA ? T(g.a3) : g.a3, g.transposeB ? T(g.b3) : g.b3, multiply, backend, avoidSlow);
    } else {
      const outT = gemm(g.transposeB ? g.b3 : T(g.b3), g.transposeA ? g.a3 : T(g.a3), multiply, backend, avoidSlow);
      temps.push(outT);
      out = transposeLastTwo(outT, backend, transpose);
    }
    out.shape = g.outShape;
    return out;
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}

const NO_TRANSPOSE = { transposeA: false, transposeB: false };

/** An untransposed batch-1 call, which XNNPACK takes as it is unless its weights are large. */
function isPlain(g: Prepared): boolean {
  return !g.transposeA && !g.transposeB && g.batchA === 1 && g.batchB === 1;
}

/** A plain call computed as (bᵀ·aᵀ)ᵀ (see LARGE_WEIGHTS_BYTES): two operand transposes, one output transpose. */
function transposedProduct(g: Prepared, multiply: Multiply, backend: BackendWasm, transpose: tf.KernelFunc): tf.TensorInfo {
  const temps: tf.TensorInfo[] = [];
  try {
    const bT = transposeLastTwo(g.b3, backend, transpose);
    temps.push(bT);
    const aT = transposeLastTwo(g.a3, backend, transpose);
    temps.push(aT);
    const outT = multiply(bT, aT);
    temps.push(outT);
    const out = transposeLastTwo(outT, backend, transpose);
    out.shape = g.outShape;
    return out;
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}

const takesTransposed = (g: Prepared) => matMulTuning.transposeLargeWeights && preferTransposedProduct(g.m, g.k, g.n);

/** The wasm element-wise kernels a fused call's bias and activation need when it runs transposed. */
const ACTIVATION_KERNELS: Record<string, string | null> = { linear: null, relu: 'Relu', elu: 'Elu', sigmoid: 'Sigmoid' };

function kernel(name: string): tf.KernelFunc {
  return currentKernel(name).kernelFunc;
}

function makeBatchMatMul(original: tf.KernelFunc, transpose: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    const g = prepare(a, b, !!attrs.transposeA, !!attrs.transposeB);
    if (g === null) return original(args);
    const backend = args.backend as BackendWasm;
    const sparse = trySparseProduct(g, backend);
    if (sparse) return sparse;
    const multiply: Multiply = (x, y) =>
      original({ inputs: { a: x, b: y }, backend, attrs: { ...args.attrs, ...NO_TRANSPOSE } }) as tf.TensorInfo;
    // Untransposed batch-1 calls already take XNNPACK: untouched unless their weights are large.
    if (isPlain(g)) return takesTransposed(g) ? transposedProduct(g, multiply, backend, transpose) : original(args);
    return run(g, multiply, backend, transpose, true, false) ?? original(args);
  };
}

function makeFusedMatMul(original: tf.KernelFunc, transpose: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b, bias, preluActivationWeights: prelu } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    const g = a && b ? prepare(a, b, !!attrs.transposeA, !!attrs.transposeB) : null;
    if (g === null) return original(args);
    const activation = (args.attrs as { activation?: string } | undefined)?.activation ?? 'linear';
    const act = ACTIVATION_KERNELS[activation];
    // Bias and activation can follow as separate kernels: a bias along the output's last axis, no PReLU.
    const separable = prelu == null && act !== undefined && (bias == null || (bias.shape.length === 1 && bias.shape[0] === g.n));
    if (separable) {
      const sparse = trySparseProduct(g, args.backend as BackendWasm);
      if (sparse) return withBiasAndActivation(sparse, bias, act, args.backend as BackendWasm);
    }
    if (isPlain(g)) {
      if (!takesTransposed(g) || !separable) return original(args);
      return fusedTransposed(g, original, transpose, args, bias, act!);
    }
    // Per-batch calls would re-apply element-wise PReLU weights to each slice: keep the original.
    if (prelu != null && tf.util.sizeFromShape(prelu.shape) > g.n && g.batchB > 1) return original(args);
    const backend = args.backend as BackendWasm;
    const multiply: Multiply = (x, y) =>
      original({
        inputs: { a: x, b: y, ...(bias ? { bias } : {}), ...(prelu ? { preluActivationWeights: prelu } : {}) },
        backend,
        attrs: { ...args.attrs, ...NO_TRANSPOSE },
      }) as tf.TensorInfo;
    // Bias and PReLU weights follow the output's last axis, so the output cannot be computed
    // transposed; a bias must also never reach the slow path (it mis-adds it, see above).
    const plain = bias == null && prelu == null;
    return run(g, multiply, backend, transpose, plain, bias != null) ?? original(args);
  };
}

/** A plain fused call with large weights: the product transposed, then the bias and activation kernels. */
function fusedTransposed(g: Prepared, original: tf.KernelFunc, transpose: tf.KernelFunc, args: Parameters<tf.KernelFunc>[0], bias: tf.TensorInfo | undefined, act: string | null): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const multiply: Multiply = (x, y) =>
    original({ inputs: { a: x, b: y }, backend, attrs: { ...args.attrs, ...NO_TRANSPOSE, activation: 'linear' } }) as tf.TensorInfo;
  return withBiasAndActivation(transposedProduct(g, multiply, backend, transpose), bias, act, backend);
}

/** A fused call's bias and activation applied to a plain product by the wasm kernels; `product` is released. */
function withBiasAndActivation(product: tf.TensorInfo, bias: tf.TensorInfo | undefined, act: string | null, backend: BackendWasm): tf.TensorInfo {
  let out = product;
  const then = (name: string, inputs: tf.NamedTensorInfoMap): void => {
    const next = kernel(name)({ inputs, backend, attrs: {} }) as tf.TensorInfo;
    backend.disposeData(out.dataId);
    out = next;
  };
  if (bias) then('Add', { a: out, b: bias });
  if (act) then(act, { x: out });
  return out;
}

const FACTORIES: Record<(typeof KERNELS)[number], typeof makeBatchMatMul> = {
  BatchMatMul: makeBatchMatMul,
  _FusedMatMul: makeFusedMatMul,
};

function currentKernel(name: string): tf.KernelConfig {
  const config = tf.getKernel(name, BACKEND);
  if (config == null) throw new Error(`wasm kernel '${name}' is not registered; is @tensorflow/tfjs-backend-wasm loaded?`);
  return config;
}

/** True when our replacement is the registered wasm kernel for both matmul kernels. */
export function isWasmFastMatMulRegistered(): boolean {
  return KERNELS.every((name) => ORIGINAL in currentKernel(name).kernelFunc);
}

/**
 * Registers the fast wasm `BatchMatMul` and `_FusedMatMul` kernels. Idempotent: a second call
 * (even from another copy of this module) changes nothing. Works before or after the wasm
 * backend is initialised. Returns true when something was registered by this call.
 */
export function registerWasmFastMatMul(): boolean {
  const transpose = currentKernel('Transpose').kernelFunc;
  let changed = false;
  for (const name of KERNELS) {
    const config = currentKernel(name);
    if (ORIGINAL in config.kernelFunc) continue;
    const wrapped: Wrapped = FACTORIES[name](config.kernelFunc, transpose);
    Object.defineProperty(wrapped, ORIGINAL, { value: config });
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel({ ...config, kernelFunc: wrapped });
    changed = true;
  }
  return changed;
}

/**
 * Restores the original wasm kernels (for benchmarks that measure plain tfjs, and tests).
 * Idempotent; returns true when something was restored.
 */
export function unregisterWasmFastMatMul(): boolean {
  let changed = false;
  for (const name of KERNELS) {
    const original = (currentKernel(name).kernelFunc as Wrapped)[ORIGINAL];
    if (original == null) continue;
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel(original);
    changed = true;
  }
  return changed;
}
