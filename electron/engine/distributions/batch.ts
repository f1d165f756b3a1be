import * as tf from '@tensorflow/tfjs';

/**
 * Shape bookkeeping shared by the distributions: every parameter is viewed as a
 * `[batch, event]` matrix, and batch sizes broadcast NumPy-style (equal, or one of them 1).
 * Shapes are checked eagerly from tensor metadata (no data reads), so a wrongly shaped
 * parameter fails when the distribution is built, not deep inside a kernel.
 */

/** A `[batch, event]` shape. */
export type MatrixShape = readonly [number, number];

/** The `[batch, event]` view of a parameter: `[n]` → `[1, n]`; other ranks are rejected. */
export function matrixShape(t: tf.Tensor, what: string): MatrixShape {
  if (t.rank === 2) return [t.shape[0] as number, t.shape[1] as number];
  if (t.rank === 1) return [1, t.shape[0] as number];
  throw new Error(`${what} must have shape [B, n] or [n], got [${t.shape.join(', ')}]`);
}

/** Broadcast one axis: sizes must be equal or 1. */
export function broadcastSize(a: number, b: number, what: string): number {
  if (a === b || b === 1) return a;
  if (a === 1) return b;
  throw new Error(`${what}: sizes ${a} and ${b} do not broadcast`);
}

/** Broadcast `[batch, event]` shapes axis by axis. */
export function broadcastMatrixShapes(shapes: readonly MatrixShape[], what: string): MatrixShape {
  let batch = 1;
  let event = 1;
  for (const [b, n] of shapes) {
    batch = broadcastSize(batch, b, `${what} (batch axis)`);
    event = broadcastSize(event, n, `${what} (event axis)`);
  }
  return [batch, event];
}

/**
 * The `[batch, event]` shape of a family's tensor parameters, named as `<Family> <param>` in
 * errors: each must be float32 `[B, n]`, `[1, n]` or `[n]`, and together they must broadcast.
 */
export function parameterShape(family: string, params: Readonly<Record<string, tf.Tensor>>): MatrixShape {
  const entries = Object.entries(params);
  for (const [name, t] of entries) assertFloat32(t, `${family} ${name}`);
  return broadcastMatrixShapes(
    entries.map(([name, t]) => matrixShape(t, `${family} ${name}`)),
    `${family} ${entries.map(([name]) => name).join('/')}`,
  );
}

/** Reshape a rank-1 parameter to `[1, n]` so that every formula can assume rank 2. */
export function asMatrix(t: tf.Tensor): tf.Tensor2D {
  return (t.rank === 1 ? t.reshape([1, t.shape[0] as number]) : t) as tf.Tensor2D;
}

/** Cast integer or boolean observations to float32; float32 passes through unchanged. */
export function asFloat(t: tf.Tensor): tf.Tensor {
  return t.dtype === 'float32' ? t : t.cast('float32');
}

/** Expand `t` to `shape` when it is smaller (Tile), so results always have the full batch. */
export function broadcastToShape<T extends tf.Tensor>(t: T, shape: readonly number[]): T {
  const same = t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]);
  return same ? t : (tf.broadcastTo(t, [...shape]) as T);
}

/**
 * The number of rows a sample should have: the parameters' batch size unless the caller
 * asks for more rows from shared (batch size 1) parameters.
 */
export function sampleRows(paramBatch: number, requested: number | undefined): number {
  if (requested === undefined) return paramBatch;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new Error(`batchSize must be a positive integer, got ${requested}`);
  }
  if (paramBatch !== 1 && requested !== paramBatch) {
    throw new Error(
      `cannot draw ${requested} rows from a distribution whose parameters have batch ${paramBatch}`,
    );
  }
  return requested;
}

/** The batch size of a `[B, n]` / `[n]` observation, checked against the event size. */
export function valueBatch(value: tf.Tensor, eventSize: number, what: string): number {
  const [b, n] = matrixShape(value, `${what} value`);
  if (n !== eventSize) {
    throw new Error(`${what} value must have event size ${eventSize}, got [${value.shape.join(', ')}]`);
  }
  return b;
}

/** Reject parameters that are not float32: integer tensors would silently truncate results. */
export function assertFloat32(t: tf.Tensor, what: string): void {
  if (t.dtype !== 'float32') throw new Error(`${what} must be float32, got ${t.dtype}`);
}
