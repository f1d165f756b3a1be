import * as tf from '@tensorflow/tfjs';
import { gatherRows, type Dataset } from '../data/dataset';
import type { Batch } from '../compile/model';

/**
 * Copies the rows of a batch out of the data set into reused buffers and uploads them as tensors:
 * value columns as [B, size], class-index columns as [B].
 */
export class BatchMaker {
  private readonly buffers = new Map<string, Float32Array>();

  constructor(private readonly dataset: Dataset, private readonly columns: readonly string[]) {
    for (const c of columns) if (!dataset.columns[c]) throw new Error(`the data set ${dataset.name} has no column '${c}'`);
  }

  /** Tensors for the rows `indices`; the caller disposes them (or makes them inside tf.tidy). */
  make(indices: ArrayLike<number>): Batch {
    const out: Record<string, tf.Tensor> = {};
    const n = indices.length;
    for (const name of this.columns) {
      const col = this.dataset.columns[name]!;
      const need = n * col.size;
      let buf = this.buffers.get(name);
      if (!buf || buf.length < need) {
        buf = new Float32Array(need);
        this.buffers.set(name, buf);
      }
      const view = gatherRows(col, indices, buf.subarray(0, need));
      // tf.tensor copies the data, so the buffer can be reused for the next batch.
      out[name] = col.domain === 'index' && col.size === 1 ? tf.tensor1d(view) : tf.tensor2d(view, [n, col.size]);
    }
    return out;
  }
}
