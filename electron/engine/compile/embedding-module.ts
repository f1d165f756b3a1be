import * as tf from '@tensorflow/tfjs';
import type { EmbeddingParams } from '../../../shared/graph/index';
import { createRng, deriveSeed } from '../random/prng';
import { createEmbeddingTable, embed, idsOf } from './embedding-table';
import { VariableSet } from './variable-set';

/** A compiled Embedding node: a V × E table; token ids `[B, T]` become vectors `[B, T·E]` (position by position). */
export class EmbeddingModule extends VariableSet {
  readonly table: tf.Variable;

  constructor(readonly name: string, params: EmbeddingParams, readonly vocabulary: number, seed: number) {
    super();
    this.table = createEmbeddingTable(this, `${name}/embeddings`, vocabulary, params.dimension, createRng(deriveSeed(seed, 0x656d62)));
  }

  forward(tokens: tf.Tensor): tf.Tensor2D {
    const [B, T] = tokens.shape as [number, number];
    return tf.reshape(embed(idsOf(tokens), this.table), [B, T * this.table.shape[1]!]);
  }
}
