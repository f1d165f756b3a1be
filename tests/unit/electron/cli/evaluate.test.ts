import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../shared/graph/index';
import { cli, jsonLines } from '../../../helpers/cli';
import { tinyVae } from '../../../helpers/tiny-graphs';
import { bowOnTextFile } from '../../../helpers/bow-text';
import { topicCorpus } from '../../../helpers/topic-corpus';
import { heldOutRows } from '../../../../electron/engine/data/split';
import { runTrainCommand } from '../../../../electron/cli-train';
import { loadExample } from '../../../helpers/examples';

const dir = mkdtempSync(join(tmpdir(), 'ls-cli-evaluate-'));

describe('latent-studio evaluate', () => {
  it('prints the held-out ELBO and importance-weighted bounds that rise with S, from a trained run folder', () => {
    const graph = join(dir, 'tiny.json');
    writeFileSync(graph, serializeGraphFile(tinyVae({ duration: { steps: 300 }, optimizer: { kind: 'adam', learningRate: 0.01 } })));
    const out = join(dir, 'run');
    expect(cli(['train', graph, '--backend', 'cpu', '--json', '--out', out]).code).toBe(0);
    const r = cli(['evaluate', out, '--samples', '100', '--backend', 'cpu', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const e = jsonLines(r.stdout).at(-1)!;
    expect(e).toMatchObject({ type: 'evaluation', step: 300, examples: 80, samples: 100, backend: 'cpu' });
    const bounds = e.iwae as Array<{ samples: number; bound: number; standardError: number }>;
    expect(bounds.map((b) => b.samples)).toEqual([1, 10, 100]);
    // L_1 is a Monte Carlo ELBO: within a few standard errors of the closed-form-KL ELBO.
    expect(Math.abs(bounds[0]!.bound - e.elbo)).toBeLessThan(4 * bounds[0]!.standardError + 0.02);
    // L_S is non-decreasing in S (here strictly: the posterior is not exact), and the estimate is the last.
    expect(bounds[1]!.bound).toBeGreaterThan(bounds[0]!.bound);
    expect(bounds[2]!.bound).toBeGreaterThan(bounds[1]!.bound);
    expect(e.logLikelihood).toBe(bounds[2]!.bound);
    const text = cli(['evaluate', out, '--samples', '10', '--examples', '20', '--backend', 'cpu']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/20 held-out examples/);
    expect(text.stdout).toMatch(/IWAE bound, S = 10 /);
  });

  it('says why a folder is not a run', () => {
    const r = cli(['evaluate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a run folder: it has neither graph.json/);
  });
});

describe('latent-studio evaluate on text', () => {
  it('reports the perplexity of the importance-sampled log-likelihood over the held-out tokens', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ls-cli-evaluate-text-'));
    const corpus = topicCorpus(100, 2, 3);
    writeFileSync(join(folder, 'documents.txt'), corpus);
    const doc = bowOnTextFile(72);
    const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
    node('docs').params = { ...node('docs').params, heldOutFraction: 0.2 };
    node('encoder').params = { ...node('encoder').params, hidden: [16] };
    doc.training.duration = { steps: 5 };
    const out = join(folder, 'run');
    // Trained in this process (the same command, without a second start of node); evaluated as a user would.
    expect(await runTrainCommand(doc, folder, { backend: 'cpu', json: true, out })).toBe(0);
    // One call, as printed (a --json run adds `tokens` and `perplexity` to its line the same way).
    const r = cli(['evaluate', out, '--samples', '4', '--backend', 'cpu', '--data-dir', folder]);
    expect(r.code, r.stderr).toBe(0);
    // The held-out documents' tokens, counted here: the corpus's words are separated by spaces.
    const lines = corpus.trim().split('\n');
    const held = heldOutRows(lines.length, { fraction: 0.2, seed: 0 }).heldOut;
    const tokens = Array.from(held, (i) => lines[i]!.split(' ').length).reduce((a, b) => a + b, 0);
    expect(r.stdout).toMatch(/20 held-out examples/);
    const logLikelihood = Number(/log-likelihood \(IS, S = 4\)\s+(-?[\d.]+) nats/.exec(r.stdout)?.[1]);
    const printed = new RegExp(`perplexity \\(IS, ${tokens} tokens\\)\\s+([\\d.]+)`).exec(r.stdout);
    expect(printed, r.stdout).not.toBeNull();
    // exp(−Σ log p / Σ tokens), Σ log p being the mean per example (printed to 3 decimals) times 20.
    expect(Number(printed![1])).toBeCloseTo(Math.exp((-logLikelihood * 20) / tokens), 1);
    // Barely trained, it is still a distribution over 72 ids: above 1, and not far from uniform.
    expect(Number(printed![1])).toBeGreaterThan(10);
    expect(Number(printed![1])).toBeLessThan(200);
  });
});

describe('latent-studio evaluate on sentences', () => {
  it('reports the perplexity of a sentence model with each sentence\'s end token counted', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ls-cli-evaluate-sentences-'));
    const corpus = topicCorpus(100, 2, 3);
    writeFileSync(join(folder, 'sentences.txt'), corpus);
    // The sentence template on the corpus (its lines at most 34 tokens: none cut), its networks small.
    const doc = loadExample('sentence-vae-text');
    const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
    const { unit: _, ...settings } = node('sentences').params;
    Object.assign(node('sentences'), { kind: 'data.text', params: { ...settings, path: 'sentences.txt', vocabularySize: 72, minCount: 1, maxLength: 40 } });
    node('embedding').params = { dimension: 8 };
    node('encoder').params = { ...node('encoder').params, hidden: 16 };
    node('decoder').params = { ...node('decoder').params, hidden: 16, embedding: 8 };
    doc.training.duration = { steps: 5 };
    const out = join(folder, 'run');
    expect(await runTrainCommand(doc, folder, { backend: 'wasm', json: true, out })).toBe(0);
    const r = cli(['evaluate', out, '--samples', '4', '--backend', 'wasm', '--data-dir', folder]);
    expect(r.code, r.stderr).toBe(0);
    // Counted here: each held-out sentence's words (separated by spaces) and its end token.
    const lines = corpus.trim().split('\n');
    const held = heldOutRows(lines.length, { fraction: 0.2, seed: 0 }).heldOut;
    const tokens = Array.from(held, (i) => lines[i]!.split(' ').length + 1).reduce((a, b) => a + b, 0);
    expect(r.stdout).toMatch(/20 held-out examples/);
    const logLikelihood = Number(/log-likelihood \(IS, S = 4\)\s+(-?[\d.]+) nats/.exec(r.stdout)?.[1]);
    const printed = new RegExp(`perplexity \\(IS, ${tokens} tokens\\)\\s+([\\d.]+)`).exec(r.stdout);
    expect(printed, r.stdout).not.toBeNull();
    expect(Number(printed![1])).toBeCloseTo(Math.exp((-logLikelihood * 20) / tokens), 1);
    // Barely trained, a distribution over 72 ids at each position: above 10, not far from uniform.
    expect(Number(printed![1])).toBeGreaterThan(10);
    expect(Number(printed![1])).toBeLessThan(200);
  });
});
