import * as tf from '@tensorflow/tfjs';
import type { Batch, CompiledModel } from '../compile/model';
import type { Dataset } from '../data/dataset';

/** The data set columns a model reads: the data node's outputs that have consumers. */
export function modelColumns(model: CompiledModel): string[] {
  return Object.entries(model.dataNode.consumers)
    .filter(([, edges]) => edges.length > 0)
    .map(([port]) => port);
}

/**
 * The first `n` rows of a data set (all when it has fewer) as a batch for `model`. The first rows,
 * not random ones, so that a panel shows the same examples after every training step. They are
 * contiguous, so each column is uploaded straight from its storage without gathering rows
 * (value columns [rows, size], class-index columns [rows], as training batches are).
 * The caller disposes the tensors.
 */
export function firstRows(model: CompiledModel, dataset: Dataset, n: number): Batch {
  const rows = Math.min(n, dataset.length);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`need at least one row, got n = ${n} from a data set of ${dataset.length}`);
  const out: Record<string, tf.Tensor> = {};
  for (const name of modelColumns(model)) {
    const col = dataset.columns[name];
    if (!col) throw new Error(`the data set ${dataset.name} has no column '${name}'`);
    const values = col.values.subarray(0, rows * col.size);
    out[name] = col.domain === 'index' && col.size === 1 ? tf.tensor1d(values) : tf.tensor2d(values, [rows, col.size]);
  }
  return out;
}

/** A tensor's values copied into a Float32Array the caller owns (a backend may reuse its own buffer). */
export function readFloats(t: tf.Tensor): Float32Array {
  const data = t.dataSync();
  // slice() is a block copy; Float32Array.from walks an iterator (about 100× slower on large tensors).
  return data instanceof Float32Array ? data.slice() : Float32Array.from(data as ArrayLike<number>);
}
