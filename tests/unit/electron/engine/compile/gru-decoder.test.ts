/**
 * The GRU decoder and the sentence likelihood: teacher forcing computes, for every position at
 * once, the logits that running the decoder step by step on the same tokens gives; the likelihood
 * sums log softmax at each position up to and including the end token (checked against sums in
 * plain JavaScript), ignoring what comes after; word dropout replaces the words it reads, never the
 * beginning token; decoding stops each sentence at its end token.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { GruDecoderModule } from '../../../../../electron/engine/compile/gru-decoder-module';
import { CategoricalSequence } from '../../../../../electron/engine/distributions/categorical-sequence';
import { UNKNOWN_ID } from '../../../../../shared/graph/index';

const V = 7;
const T = 6;
const B = 3;
let dec: GruDecoderModule;

beforeAll(async () => {
  await initBackend('wasm');
  dec = new GruDecoderModule('decoder', { hidden: 8, embedding: 5, wordDropout: 0 }, 4, V, T, 11);
});
afterAll(() => dec.dispose());

// Sentences of 3, 5 and 0 words, each followed by its end token 0 and padding.
const SENTENCES = [
  [3, 5, 2, 0, 0, 0],
  [6, 1, 4, 4, 2, 0],
  [0, 0, 0, 0, 0, 0],
];
const z = (): tf.Tensor2D => tf.tensor2d([0.5, -1, 0.2, 0.1, -0.3, 0.8, 1.2, -0.4, 0, 0, 0.3, -2], [B, 4]);

describe('the GRU decoder', () => {
  it('gives under teacher forcing the logits of a step-by-step run on the same tokens, at every position', () => {
    const [forced, stepped] = tf.tidy(() => {
      const tokens = tf.tensor2d(SENTENCES, [B, T]);
      const ids = tf.tensor2d(SENTENCES, [B, T], 'int32');
      const run = dec.freeRun(z(), (t) => tf.reshape(tf.slice(ids, [0, t], [B, 1]), [B]) as tf.Tensor1D);
      return [dec.teacherForced(z(), tokens).arraySync(), run.logits.arraySync()];
    });
    let worst = 0;
    forced.forEach((row, b) => row.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - stepped[b]![i]!)))));
    expect(worst).toBeLessThan(1e-5);
    // Not trivially equal: the logits differ between positions.
    expect(Math.abs(forced[0]![0]! - forced[0]![V]!)).toBeGreaterThan(1e-4);
  });

  it('scores a sentence up to and including its end token, and ignores the positions after it', () => {
    const { logits, logP, logPOtherPadding, logPOtherEnd } = tf.tidy(() => {
      const l = dec.teacherForced(z(), tf.tensor2d(SENTENCES, [B, T]));
      const d = new CategoricalSequence(l, T, V, null, B);
      // Past the end: other ids than 0 change nothing (a padding position is never scored).
      const padded = SENTENCES.map((s, b) => s.map((v, t) => (b === 0 && t > 3 ? 4 : v)));
      // The end itself: a word instead of the end token at position 3 is scored (and the sentence goes on).
      const noEnd = SENTENCES.map((s, b) => s.map((v, t) => (b === 0 && t === 3 ? 4 : v)));
      return {
        logits: l.arraySync(),
        logP: Array.from(d.logProb(tf.tensor2d(SENTENCES, [B, T])).dataSync()),
        logPOtherPadding: Array.from(d.logProb(tf.tensor2d(padded, [B, T])).dataSync()),
        logPOtherEnd: Array.from(d.logProb(tf.tensor2d(noEnd, [B, T])).dataSync()),
      };
    });
    // In plain JavaScript: Σ_{t ≤ first 0} (logit[x_t] − log Σ_v exp logit_v).
    const expected = SENTENCES.map((s, b) => {
      let sum = 0;
      for (let t = 0; t < T; t++) {
        const row = logits[b]!.slice(t * V, (t + 1) * V);
        const max = Math.max(...row);
        sum += row[s[t]!]! - (max + Math.log(row.reduce((a, v) => a + Math.exp(v - max), 0)));
        if (s[t] === 0) break;
      }
      return sum;
    });
    logP.forEach((v, b) => expect(v).toBeCloseTo(expected[b]!, 4));
    expect(logPOtherPadding[0]).toBeCloseTo(logP[0]!, 5);
    expect(Math.abs(logPOtherEnd[0]! - logP[0]!)).toBeGreaterThan(1e-3);
    // The empty sentence is its end token alone: one position scored.
    const row = logits[2]!.slice(0, V);
    const max = Math.max(...row);
    expect(logP[2]).toBeCloseTo(row[0]! - (max + Math.log(row.reduce((a, v) => a + Math.exp(v - max), 0))), 4);
  });

  it('reads BOS then the sentence shifted by one, and word dropout replaces only the words with the unknown token', () => {
    const tokens = tf.tensor2d(Array.from({ length: 200 }, () => SENTENCES[1]!).flat(), [200, T]);
    const plain = tf.tidy(() => dec.teacherInputs(tokens, null).arraySync());
    expect(plain[0]).toEqual([0, 6, 1, 4, 4, 2]);
    const all = tf.tidy(() => dec.teacherInputs(tokens, { rate: 1, seed: 3 }).arraySync());
    expect(all[0]).toEqual([0, UNKNOWN_ID, UNKNOWN_ID, UNKNOWN_ID, UNKNOWN_ID, UNKNOWN_ID]);
    const some = tf.tidy(() => dec.teacherInputs(tokens, { rate: 0.3, seed: 3 }).arraySync());
    let dropped = 0;
    for (const row of some) {
      expect(row[0]).toBe(0);
      row.slice(1).forEach((v, i) => {
        if (v === UNKNOWN_ID && plain[0]![i + 1] !== UNKNOWN_ID) dropped++;
        else expect(v).toBe(plain[0]![i + 1]);
      });
    }
    // 200 sentences × 4 words that are not already the unknown token: 800 draws at 0.3 (sd ≈ 13).
    expect(dropped).toBeGreaterThan(240 - 50);
    expect(dropped).toBeLessThan(240 + 50);
    tokens.dispose();
  });

  it('decodes greedily the most probable token at each step, and pads with 0 after a sentence\'s end', () => {
    const { greedy, sampled, argmaxPath } = tf.tidy(() => {
      const run = dec.freeRun(z(), (_t, l) => tf.argMax(l, 1) as tf.Tensor1D);
      return {
        greedy: dec.decode(z(), { greedy: true, seed: 0 }).arraySync(),
        sampled: dec.decode(tf.tile(z(), [50, 1]) as tf.Tensor2D, { greedy: false, seed: 5 }).arraySync(),
        argmaxPath: run.tokens.arraySync(),
      };
    });
    expect(greedy).toEqual(argmaxPath);
    for (const s of [...greedy, ...sampled]) {
      const end = s.indexOf(0);
      if (end >= 0) expect(s.slice(end).every((v) => v === 0)).toBe(true);
      for (const v of s) expect(Number.isInteger(v) && v >= 0 && v < V).toBe(true);
    }
    // Drawn, the 150 sentences are not all one sentence.
    expect(new Set(sampled.map((s) => s.join(' '))).size).toBeGreaterThan(1);
  });
});
