import * as tf from '@tensorflow/tfjs';
import type { GruEncoderParams } from '../../../shared/graph/index';
import { createRng, deriveSeed } from '../random/prng';
import { createEmbeddingTable, embed, idsOf } from './embedding-table';
import { createGruWeights, gruInputs, gruPass, gruStep, type GruWeights } from './gru-cell';
import { MlpModule } from './mlp-module';
import { VariableSet } from './variable-set';

/** What a GRU encoder reads: token ids over a vocabulary (it embeds them), or vectors of a width per position. */
export type EncoderInput = { readonly kind: 'ids'; readonly vocabulary: number } | { readonly kind: 'vectors'; readonly width: number };

/**
 * A compiled GRU encoder: (its own embedding of token ids,) a GRU over the positions from h_0 = 0,
 * the state frozen past each sentence's length (h_t = h_{t−1} where t > length, so the last state
 * is the one at the true length), and the heads of an MLP without hidden layers on that state.
 */
export class GruEncoderModule extends VariableSet {
  readonly table: tf.Variable | null;
  readonly gru: GruWeights;
  readonly heads: MlpModule;

  constructor(readonly name: string, readonly params: GruEncoderParams, readonly input: EncoderInput, seed: number) {
    super();
    const rng = createRng(deriveSeed(seed, 0x677275));
    this.table = input.kind === 'ids' ? createEmbeddingTable(this, `${name}/embeddings`, input.vocabulary, params.embedding, rng) : null;
    const width = input.kind === 'ids' ? params.embedding : input.width;
    this.gru = createGruWeights(this, `${name}/gru`, width, params.hidden, rng);
    this.heads = new MlpModule(name, { hidden: [], activation: 'linear', heads: params.heads }, params.hidden, deriveSeed(seed, 0x68656164));
    this.namedVariables.push(...this.heads.namedVariables);
  }

  /** The final hidden state `[B, H]` of sentences `[B, T]` (ids) or `[B, T·E]` (vectors) with lengths `[B, 1]`. */
  finalState(tokens: tf.Tensor, length: tf.Tensor): tf.Tensor2D {
    const B = tokens.shape[0]!;
    const x = this.table ? embed(idsOf(tokens), this.table) : (tf.reshape(tokens, [-1, (this.input as { width: number }).width]) as tf.Tensor2D);
    const T = x.shape[0] / B;
    const pass = gruPass(this.gru);
    const steps = gruInputs(x, B, T, this.gru);
    // 1 while t is inside the sentence (t < length), 0 on its padding: [B, 1] per position.
    const inside = tf.unstack(tf.cast(tf.greater(tf.reshape(length, [B, 1]), tf.range(0, T).reshape([1, T])), 'float32'), 1).map((m) => tf.reshape(m, [B, 1]));
    let h = tf.zeros([B, this.params.hidden]) as tf.Tensor2D;
    steps.forEach((xi, t) => {
      const next = gruStep(xi, h, pass);
      h = tf.add(h, tf.mul(inside[t]!, tf.sub(next, h))) as tf.Tensor2D;
    });
    return h;
  }

  /** Each head of the final state, `[B, size]`, by name. */
  forward(tokens: tf.Tensor, length: tf.Tensor): Record<string, tf.Tensor2D> {
    return this.heads.forward(this.finalState(tokens, length));
  }
}
