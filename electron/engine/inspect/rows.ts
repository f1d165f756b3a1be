import * as tf from '@tensorflow/tfjs';
import type { Batch, CompiledModel } from '../compile/model';
import type { Dataset } from '../data/dataset';
import { BatchMaker } from '../train/batch';

/** The data set columns a model reads: the data node's outputs that have consumers. */
export function modelColumns(model: CompiledModel): string[] {
  return Object.entries(model.dataNode.consumers)
    .filter(([, edges]) => edges.length > 0)
    .map(([port]) => port);
}

/**
 * The first `n` rows of a data set (all when it has fewer) as a batch for `model`. The first rows,
 * not random ones, so that a panel shows the same examples after every training step.
 * The caller disposes the tensors.
 */
export function firstRows(model: CompiledModel, dataset: Dataset, n: number): Batch {
  const rows = Math.min(n, dataset.length);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`need at least one row, got n = ${n} from a data set of ${dataset.length}`);
  return new BatchMaker(dataset, modelColumns(model)).make(Int32Array.from({ length: rows }, (_, i) => i));
}

/** A tensor's values copied into a Float32Array the caller owns (a backend may reuse its own buffer). */
export function readFloats(t: tf.Tensor): Float32Array {
  return Float32Array.from(t.dataSync() as ArrayLike<number>);
}
