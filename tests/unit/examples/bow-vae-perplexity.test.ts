import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../electron/engine/backend';
import { buildInspection } from '../../../electron/engine/inspect/inspection';
import { inspectionSchema } from '../../../shared/protocol/runs';
import { heldOutBounds } from '../../../electron/engine/train/held-out-bounds';
import { perplexity, tokensScored } from '../../../electron/engine/train/perplexity';
import { prepareTraining, train } from '../../../electron/engine/train/trainer';
import { bowOnTextFile } from '../../helpers/bow-text';
import { topicCorpus } from '../../helpers/topic-corpus';

beforeAll(async () => {
  await initBackend('wasm');
});

/**
 * The unigram model's held-out perplexity, computed here from the raw counts: each word's
 * probability is its share of the training tokens (maximum likelihood; every vocabulary word
 * occurs in training, and the unknown token's share covers the held-out words outside it).
 */
function unigramPerplexity(train: Float32Array, heldOut: Float32Array, V: number): number {
  const totals = new Float64Array(V);
  train.forEach((c, i) => (totals[i % V]! += c));
  const n = totals.reduce((a, b) => a + b, 0);
  let logP = 0;
  let tokens = 0;
  heldOut.forEach((c, i) => {
    if (c === 0) return;
    logP += c * Math.log(totals[i % V]! / n);
    tokens += c;
  });
  return Math.exp(-logP / tokens);
}

describe('the bag-of-words VAE template', () => {
  it('reaches a lower held-out perplexity (importance-sampled) than the unigram model on the same split', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bow-vae-'));
    // 4 topics of 25 words and 20 common words: 120 words, all frequent in 600 documents.
    writeFileSync(join(dir, 'documents.txt'), topicCorpus(600, 4, 7));
    const doc = bowOnTextFile(122);
    const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
    node('encoder').params = { ...node('encoder').params, hidden: [64] };
    doc.training.duration = { steps: 300 };
    const p = prepareTraining(doc, dir);
    const V = p.data.train.columns.counts!.size;
    const unigram = unigramPerplexity(p.data.train.columns.counts!.values, p.data.heldOut.columns.counts!.values, V);
    await train(p, { steps: 300 });
    const n = p.data.heldOut.length;
    const r = heldOutBounds(p, p.data.heldOut, { samples: [1, 50], seed: 1 });
    const tokens = tokensScored(p.model, p.data.heldOut, n)!;
    const inspection = inspectionSchema.parse(buildInspection(p, 300, 0));
    p.model.dispose();
    const model = perplexity(r.logLikelihood, n, tokens);
    // Measured: the unigram's perplexity is 70.2 on this split, the model's 39.6 after 300 steps
    // (IS with S = 50 over 2,985 held-out tokens). The margin asked for is 20%.
    expect(unigram).toBeGreaterThan(60);
    expect(model).toBeLessThan(unigram * 0.8);

    // The Samples tab's words: 8 draws from the prior and the first 8 held-out documents, each
    // with its 10 most probable words in decreasing probability.
    const words = inspection.bagOfWords!;
    expect(words.observed).toBe('words');
    expect(words.prior).toHaveLength(8);
    expect(words.reconstructions).toHaveLength(8);
    for (const list of [...words.prior, ...words.reconstructions.map((r) => r.words)]) {
      expect(list).toHaveLength(10);
      for (let i = 1; i < list.length; i++) expect(list[i]!.p).toBeLessThanOrEqual(list[i - 1]!.p);
    }
    // A document is shown by its first tokens (the loader's 30), and its reconstruction puts its
    // own topic's words first: the topic most of its topic words come from (t<k>w<i>).
    const topicOf = (ws: string[]) => {
      const votes = new Map<string, number>();
      for (const w of ws) if (/^t\d/.test(w)) votes.set(w.slice(0, 2), (votes.get(w.slice(0, 2)) ?? 0) + 1);
      return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
    };
    let agree = 0;
    for (const r of words.reconstructions) {
      expect(r.text.split(' ').length).toBeLessThanOrEqual(30);
      if (topicOf(r.words.slice(0, 5).map((w) => w.word)) === topicOf(r.text.split(' '))) agree += 1;
    }
    expect(agree).toBeGreaterThanOrEqual(7);
  }, 60_000);
});
