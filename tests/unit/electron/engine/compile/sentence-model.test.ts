/**
 * The sentence template compiled: word dropout acts in training passes only (the bound reported on
 * held-out data reads every word), and generating runs the decoder on its own draws, each sentence
 * padded with 0 after its end.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { BatchMaker } from '../../../../../electron/engine/train/batch';
import { prepareTraining, type Prepared } from '../../../../../electron/engine/train/trainer';
import { loadExample } from '../../../../helpers/examples';

let p: Prepared;
/** The same graph without word dropout: the same weights (the seed makes them), the decoder reading every word. */
let plain: Prepared;

function prepared(wordDropout: number): Prepared {
  const doc = loadExample('sentence-vae-text');
  const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
  node('encoder').params = { ...node('encoder').params, hidden: 16 };
  node('decoder').params = { ...node('decoder').params, hidden: 16, wordDropout };
  return prepareTraining(doc, process.cwd());
}

beforeAll(async () => {
  await initBackend('wasm');
  p = prepared(0.5);
  plain = prepared(0);
});
afterAll(() => {
  p.model.dispose();
  plain.model.dispose();
});

const logLikelihood = (q: Prepared, mode: 'train' | 'honest', seed: number): number[] => tf.tidy(() => {
  const batch = new BatchMaker(q.data.heldOut, q.columns).make(Int32Array.from({ length: 8 }, (_, i) => i));
  return Array.from(q.model.trace(batch, seed, { mode }).observed[0]!.logP.dataSync());
});

describe('the sentence template, compiled', () => {
  it('drops words in training passes only', () => {
    // Honest passes (evaluation) read every word: the same numbers as the graph without dropout.
    const honest = logLikelihood(p, 'honest', 3);
    logLikelihood(plain, 'honest', 3).forEach((v, i) => expect(honest[i]).toBeCloseTo(v, 4));
    // A training pass with the same z (same seed) reads half the words as the unknown token.
    const train = logLikelihood(p, 'train', 3);
    expect(train.filter((v, i) => Math.abs(v - honest[i]!) > 1e-3).length).toBeGreaterThan(4);
    logLikelihood(plain, 'train', 3).forEach((v, i) => expect(honest[i]).toBeCloseTo(v, 4));
    // Seeded, not random: the same training pass again.
    expect(logLikelihood(p, 'train', 3)).toEqual(train);
  });

  it('generates sentences from the prior, each padded with 0 after its end token', () => {
    const x = tf.tidy(() => p.model.forward({ latents: 'prior', outputs: 'observed-samples', seed: 1, rows: 20 }).observed.words!.arraySync() as number[][]);
    expect(x).toHaveLength(20);
    for (const s of x) {
      expect(s).toHaveLength(16);
      const end = s.indexOf(0);
      if (end >= 0) expect(s.slice(end).every((v) => v === 0)).toBe(true);
      expect(s.every((v) => Number.isInteger(v) && v >= 0 && v < 1000)).toBe(true);
    }
    // Greedy ('observed': the sequence's stand-in for a mean) is deterministic given z.
    const g1 = tf.tidy(() => p.model.forward({ latents: 'prior', outputs: 'observed', seed: 1, rows: 5 }).observed.words!.arraySync());
    const g2 = tf.tidy(() => p.model.forward({ latents: 'prior', outputs: 'observed', seed: 1, rows: 5 }).observed.words!.arraySync());
    expect(g1).toEqual(g2);
  });
});
