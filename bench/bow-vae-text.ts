// The bag-of-words VAE template against a unigram model: the README's rows for `bow-vae-text`
// come from here.
//
//   npx tsx bench/bow-vae-text.ts [--steps N] [--samples S]                                  the template on Moby-Dick, as shipped
//   npx tsx bench/bow-vae-text.ts --synthetic [--documents N] [--topics K] [--steps N] [--samples S]
//
// Trains the template with `latent-studio train --out`, evaluates the run with `latent-studio
// evaluate` (perplexity from the importance-sampled log-likelihood), and computes the unigram
// model's held-out perplexity on the same split (training frequencies). With --synthetic the text
// node reads a topic corpus instead (tests/helpers/topic-corpus.ts: each document about one of K
// topics, 70% of its tokens from that topic's 25 words, the rest from 20 common words; seed 0),
// written as documents.txt in a temporary folder, with the vocabulary of the corpus (K·25 + 20
// words and the 2 reserved ids).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMobyDick } from '../electron/engine/data/moby-dick';
import { loadText } from '../electron/engine/data/text';
import { parseGraphFile, serializeGraphFile, type MobyDickParams, type TextParams } from '../shared/graph/index';
import { topicCorpus } from '../tests/helpers/topic-corpus';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const synthetic = args.includes('--synthetic');
const documents = option('--documents', 2000);
const topics = option('--topics', 4);
const samples = option('--samples', 100);

const dir = mkdtempSync(join(tmpdir(), 'bow-vae-text-'));
const doc = parseGraphFile(readFileSync('assets/examples/bow-vae-text.json', 'utf8'));
const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
if (synthetic) {
  writeFileSync(join(dir, 'documents.txt'), topicCorpus(documents, topics, 0));
  const V = topics * 25 + 20 + 2;
  const { unit: _, ...textSettings } = node('docs').params as MobyDickParams;
  Object.assign(node('docs'), { kind: 'data.text', params: { ...textSettings, path: 'documents.txt', vocabularySize: V } });
  node('decoder').params = { ...node('decoder').params, heads: [{ name: 'logits', size: V, activation: 'linear' }] };
}
const steps = option('--steps', 'steps' in doc.training.duration ? doc.training.duration.steps : 3000);
doc.training.duration = { steps };
writeFileSync(join(dir, 'bow.json'), serializeGraphFile(doc));

function run(argv: string[]): Record<string, any> {
  const r = spawnSync(process.execPath, ['bin/latent-studio.mjs', ...argv], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`latent-studio ${argv.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1)!);
}

const t0 = Date.now();
const trained = run(['train', join(dir, 'bow.json'), '--json', '--out', join(dir, 'run')]);
const seconds = (Date.now() - t0) / 1000;
const evaluation = run(['evaluate', join(dir, 'run'), '--json', '--samples', String(samples), '--data-dir', dir]);

// The unigram model on the same split, from the loader's counts.
const splits = synthetic ? loadText(join(dir, 'documents.txt'), node('docs').params as TextParams) : loadMobyDick(node('docs').params as MobyDickParams);
const V = splits.train.vocabulary.length;
const totals = new Float64Array(V);
splits.train.columns.counts!.values.forEach((c, i) => (totals[i % V]! += c));
const n = totals.reduce((a, b) => a + b, 0);
let logP = 0;
let tokens = 0;
splits.heldOut.columns.counts!.values.forEach((c, i) => {
  if (c > 0) {
    logP += c * Math.log(totals[i % V]! / n);
    tokens += c;
  }
});
rmSync(dir, { recursive: true, force: true });

const corpus = synthetic ? `synthetic, ${documents} documents, ${topics} topics` : 'Moby-Dick by paragraph';
console.log(`corpus: ${corpus}, vocabulary ${V} ids; ${splits.heldOut.length} held-out documents, ${tokens} tokens`);
console.log('| example | corpus | steps | time | training ELBO | held-out ELBO | held-out log-likelihood (IS, S = %d) | perplexity (IS) | unigram perplexity |', samples);
console.log(`| bow-vae-text | ${corpus} | ${trained.steps} | ${seconds.toFixed(0)} s | ${trained.elbo.toFixed(2)} | ${trained.valElbo.toFixed(2)} | ${evaluation.logLikelihood.toFixed(2)} | ${evaluation.perplexity.toFixed(2)} | ${Math.exp(-logP / tokens).toFixed(2)} |`);
