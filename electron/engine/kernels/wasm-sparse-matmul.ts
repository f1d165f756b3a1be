/**
 * Products with a mostly-zero left operand on the tfjs wasm backend: binarised images, bags of
 * words, one-hot codes. A dense layer on such data spends its first product (x·W) and its weight
 * gradient (xᵀ·dy) multiplying zeros; `sparseProduct` of simd/sparse-product.wat skips them.
 * The wasm BatchMatMul and _FusedMatMul replacements (wasm-transposed-matmul.ts) try this first:
 * the nonzeros of op(a) are counted (≈0.01 ms for a [128, 784] batch) and the product goes this
 * way when `preferSparseProduct` (wasm-matmul-plan.ts) says so.
 *
 * Applies to batch-1 products with an untransposed right operand (its rows are read whole), a
 * transposed or untransposed left one. It runs on the calling thread, not XNNPACK's pool.
 *
 * @module
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { matMulTuning, preferSparseProduct } from './wasm-matmul-plan';
import { heapOffset, simdKernels } from './simd/instance';
import type { PreparedMatMul } from './wasm-heap-ops';

/** How the latest eligible product ran (tests check which path was taken). */
export type SparsePath = 'sparse' | 'dense';
let lastPath: SparsePath | undefined;

/** The path the latest product eligible for the sparse kernel took (undefined before the first). */
export function lastSparsePath(): SparsePath | undefined {
  return lastPath;
}

/** op(a)·b with a's zeros skipped, or null when the call is not eligible or a is not sparse enough. */
export function trySparseProduct(g: PreparedMatMul, backend: BackendWasm): tf.TensorInfo | null {
  if (!matMulTuning.sparseLeftOperand || g.batchA !== 1 || g.batchB !== 1 || g.transposeB) return null;
  const simd = simdKernels(backend);
  if (simd === null) return null;
  const nonzeros = simd.countNonzero(heapOffset(backend, g.a3), g.m * g.k);
  if (!preferSparseProduct(g.m, g.k, g.n, nonzeros)) {
    lastPath = 'dense';
    return null;
  }
  const out = backend.makeOutput(g.outShape, 'float32');
  // a is read in storage order: rows × cols as stored; with transposeA the stored rows are op(a)'s columns.
  const [rows, cols] = g.transposeA ? [g.k, g.m] : [g.m, g.k];
  // Offsets taken after makeOutput (it may grow the heap; offsets stay valid, views would not).
  simd.sparseProduct(heapOffset(backend, g.a3), rows, cols, heapOffset(backend, g.b3), g.n, heapOffset(backend, out), g.transposeA ? 1 : 0);
  lastPath = 'sparse';
  return out;
}
