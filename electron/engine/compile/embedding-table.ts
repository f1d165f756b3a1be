import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/prng';
import type { VariableSet } from './variable-set';

/** A V × E table of token vectors, initialised as PyTorch's nn.Embedding: N(0, 1). */
export function createEmbeddingTable(vars: VariableSet, name: string, vocabulary: number, dimension: number, rng: Rng): tf.Variable {
  const values = new Float32Array(vocabulary * dimension);
  for (let i = 0; i < values.length; i++) values[i] = rng.normal();
  return vars.add(name, values, [vocabulary, dimension]);
}

/**
 * The vectors of token ids `[N]` (int32): `[N, E]`. A one-hot matrix times the table rather than a
 * gather, since the wasm backend has no kernel for a gather's gradient (UnsortedSegmentSum); the
 * matmul's gradient is a matmul everywhere.
 */
export function embed(ids: tf.Tensor1D, table: tf.Variable): tf.Tensor2D {
  const vocabulary = table.shape[0]!;
  return tf.matMul(tf.oneHot(ids, vocabulary).toFloat(), table as tf.Tensor2D) as tf.Tensor2D;
}

/** Token ids stored as float32 rows `[B, T]` (a data column) as int32 ids `[B·T]`, row by row. */
export function idsOf(tokens: tf.Tensor): tf.Tensor1D {
  return tf.cast(tf.round(tf.reshape(tokens, [-1])), 'int32') as tf.Tensor1D;
}
