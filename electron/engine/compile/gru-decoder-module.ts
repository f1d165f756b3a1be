import * as tf from '@tensorflow/tfjs';
import { EOS_ID, UNKNOWN_ID, type GruDecoderParams } from '../../../shared/graph/index';
import { gumbelNoise } from '../distributions/categorical';
import { createRng, deriveSeed } from '../random/prng';
import { createEmbeddingTable, embed, idsOf } from './embedding-table';
import { createGruWeights, gruInputs, gruPass, gruStep, type GruWeights } from './gru-cell';
import { uniformInit } from './init';
import { VariableSet } from './variable-set';

/** The beginning token a decoder reads first: the padding id, which is also the end token. */
export const BOS_ID = EOS_ID;

/** How `freeRun` picks each next token from the logits `[B, V]` of position t: int32 ids `[B]`. */
export type ChooseToken = (t: number, logits: tf.Tensor2D) => tf.Tensor1D;

/**
 * A compiled GRU decoder: h_0 = tanh(W_0 z + b_0); at position t it reads the embedding of the
 * token before (BOS, id 0, at t = 0) and emits logits W_o h_t + b_o over the vocabulary for the
 * token at t. Positions are 0…T−1, T the length of the sequences it emits (the text's maximum
 * length plus the end token).
 */
export class GruDecoderModule extends VariableSet {
  readonly init: { readonly kernel: tf.Variable; readonly bias: tf.Variable };
  readonly table: tf.Variable;
  readonly gru: GruWeights;
  readonly out: { readonly kernel: tf.Variable; readonly bias: tf.Variable };

  constructor(readonly name: string, readonly params: GruDecoderParams, readonly codeWidth: number, readonly vocabulary: number, readonly positions: number, seed: number) {
    super();
    const rng = createRng(deriveSeed(seed, 0x646563));
    const H = params.hidden;
    this.init = {
      kernel: this.add(`${name}/init/kernel`, uniformInit(rng, codeWidth * H, codeWidth), [codeWidth, H]),
      bias: this.add(`${name}/init/bias`, uniformInit(rng, H, codeWidth), [H]),
    };
    this.table = createEmbeddingTable(this, `${name}/embeddings`, vocabulary, params.embedding, rng);
    this.gru = createGruWeights(this, `${name}/gru`, params.embedding, H, rng);
    this.out = {
      kernel: this.add(`${name}/out/kernel`, uniformInit(rng, H * vocabulary, H), [H, vocabulary]),
      bias: this.add(`${name}/out/bias`, uniformInit(rng, vocabulary, H), [vocabulary]),
    };
  }

  /** h_0 = tanh(z W_0 + b_0), `[B, H]`. */
  initialState(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tanh(tf.add(tf.matMul(z, this.init.kernel as tf.Tensor2D), this.init.bias)) as tf.Tensor2D;
  }

  private logitsOf(h: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(h, this.out.kernel as tf.Tensor2D), this.out.bias) as tf.Tensor2D;
  }

  /**
   * The decoder's inputs under teacher forcing: BOS, then the sequence shifted by one (its last
   * position dropped), `[B, T]` int32; with word dropout, each input after BOS is the unknown
   * token with probability `rate` (noise from `seed`).
   */
  teacherInputs(tokens: tf.Tensor, dropout: { readonly rate: number; readonly seed: number } | null): tf.Tensor2D {
    const [B, T] = tokens.shape as [number, number];
    const ids = tf.reshape(idsOf(tokens), [B, T]);
    let shifted = tf.slice(ids, [0, 0], [B, T - 1]);
    if (dropout && dropout.rate > 0 && T > 1) {
      const dropped = tf.less(tf.randomUniform([B, T - 1], 0, 1, 'float32', dropout.seed), dropout.rate);
      shifted = tf.where(dropped, tf.fill([B, T - 1], UNKNOWN_ID, 'int32'), shifted);
    }
    return tf.concat([tf.fill([B, 1], BOS_ID, 'int32'), shifted], 1) as tf.Tensor2D;
  }

  /**
   * Teacher forcing: the logits of every position at once given the code `[B, n]` and the observed
   * sequences `[B, T]` (see `teacherInputs`), `[B, T·V]` (position t's V logits at t·V…).
   */
  teacherForced(z: tf.Tensor2D, tokens: tf.Tensor, dropout: { readonly rate: number; readonly seed: number } | null = null): tf.Tensor2D {
    const [B, T] = tokens.shape as [number, number];
    const H = this.params.hidden;
    const inputs = this.teacherInputs(tokens, dropout);
    const pass = gruPass(this.gru);
    const steps = gruInputs(embed(tf.reshape(inputs, [-1]) as tf.Tensor1D, this.table), B, T, this.gru);
    let h = this.initialState(z);
    const states: tf.Tensor2D[] = [];
    for (const x of steps) {
      h = gruStep(x, h, pass);
      states.push(h);
    }
    const all = tf.reshape(tf.stack(states, 1), [B * T, H]) as tf.Tensor2D;
    return tf.reshape(this.logitsOf(all), [B, T * this.vocabulary]) as tf.Tensor2D;
  }

  /**
   * Runs the decoder on its own choices: at each position the logits `[B, V]` of the next token
   * given the ones chosen before, and `choose` picks it. After a row's end token (id 0) its later
   * tokens are 0 (padding). Returns the sequences `[B, T]` (float32 ids) and the logits `[B, T·V]`.
   */
  freeRun(z: tf.Tensor2D, choose: ChooseToken): { tokens: tf.Tensor2D; logits: tf.Tensor2D } {
    const B = z.shape[0];
    const pass = gruPass(this.gru);
    let h = this.initialState(z);
    let previous = tf.fill([B], BOS_ID, 'int32') as tf.Tensor1D;
    let ended = tf.zeros([B], 'bool');
    const tokens: tf.Tensor1D[] = [];
    const logits: tf.Tensor2D[] = [];
    for (let t = 0; t < this.positions; t++) {
      h = gruStep(gruInputs(embed(previous, this.table), B, 1, this.gru)[0]!, h, pass);
      const l = this.logitsOf(h);
      logits.push(l);
      const next = choose(t, l);
      tokens.push(tf.where(ended, tf.zerosLike(next), next) as tf.Tensor1D);
      ended = tf.logicalOr(ended, tf.equal(next, EOS_ID));
      previous = next;
    }
    return { tokens: tf.cast(tf.stack(tokens, 1), 'float32') as tf.Tensor2D, logits: tf.concat(logits, 1) as tf.Tensor2D };
  }

  /** Sentences drawn from the decoder given codes `[B, n]`: ancestral sampling (Gumbel-max, seeded), or the most probable token at each step. */
  decode(z: tf.Tensor2D, how: { readonly greedy: boolean; readonly seed: number }): tf.Tensor2D {
    return this.freeRun(z, (t, l) => (how.greedy ? tf.argMax(l, 1) : tf.argMax(tf.add(l, gumbelNoise(l.shape, deriveSeed(how.seed, t))), 1)) as tf.Tensor1D).tokens;
  }
}
