/**
 * Backend-level helpers for the wasm matmul replacement: transposes and batch copies that
 * work on TensorInfos (not engine tensors), so their temporaries never reach tf.memory() and
 * must be released with `backend.disposeData` by the caller.
 *
 * @module
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { MatMulGeometry } from './wasm-matmul-plan';

/** A matmul call collapsed to rank 3 the way the wasm kernel does it (`prepare` in wasm-transposed-matmul.ts). */
export interface PreparedMatMul extends MatMulGeometry {
  outShape: number[];
  /** a as stored: [batchA, m, k], or [batchA, k, m] when transposeA. */
  a3: tf.TensorInfo;
  /** b as stored: [batchB, k, n], or [batchB, n, k] when transposeB. */
  b3: tf.TensorInfo;
}

/** A TensorInfo that shares `x`'s memory with another shape (no copy, no refcount change). */
export function view(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: x.dataId, shape, dtype: x.dtype };
}

/**
 * Transposes the last two axes of a rank-3 float32 TensorInfo [s, r, c] → [s, c, r] with the
 * wasm Transpose kernel.
 *
 * Why not just perm [0, 2, 1]: the kernel's 2-D loop reads rows in order and writes with a
 * stride of `r` floats. When r is a multiple of 128 (512-byte stride, i.e. every batch of 128)
 * those writes alias in the cache and it runs at 3.5–13 ns/element instead of 0.4–0.7 (measured:
 * [128, 784] 4.1 ns/el, [784, 128] 0.38 ns/el). Splitting r into [2, r/2] turns the call into
 * the kernel's 3-D loop, which writes sequentially and reads with stride c: 0.6–1.2 ns/element
 * for the same shapes (2–4 ns when c is also a multiple of 512, still faster than 2-D).
 */
export function transposeLastTwo(
  x: tf.TensorInfo,
  backend: BackendWasm,
  transposeKernel: tf.KernelFunc,
): tf.TensorInfo {
  const [s, r, c] = x.shape as [number, number, number];
  const split = r % 128 === 0 && c > 1;
  const input = split ? view(x, [s, 2, r / 2, c]) : x;
  const perm = split ? [0, 3, 1, 2] : [0, 2, 1];
  const out = transposeKernel({ inputs: { x: input }, backend, attrs: { perm } }) as tf.TensorInfo;
  out.shape = [s, c, r];
  return out;
}

/** Copies batch entry `index` of a rank-3 float32 TensorInfo into a new [1, p, q] TensorInfo. */
export function copyBatch(x: tf.TensorInfo, index: number, backend: BackendWasm): tf.TensorInfo {
  const [, p, q] = x.shape as [number, number, number];
  const size = p * q;
  const out = backend.makeOutput([1, p, q], 'float32');
  // Views are taken after makeOutput: a malloc may grow (and detach) the wasm memory buffer.
  const src = backend.typedArrayFromHeap(x) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  dst.set(src.subarray(index * size, (index + 1) * size));
  return out;
}

/** Writes a [1, p, q] (or [p, q]) TensorInfo into batch entry `index` of `out` [s, p, q]. */
export function writeBatch(out: tf.TensorInfo, index: number, part: tf.TensorInfo, backend: BackendWasm): void {
  const src = backend.typedArrayFromHeap(part) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  dst.set(src, index * src.length);
}
