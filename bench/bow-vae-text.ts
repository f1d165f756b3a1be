// The bag-of-words VAE template on a synthetic topic corpus, against a unigram model: the README's
// row for `bow-vae-text` comes from here.
//
//   npx tsx bench/bow-vae-text.ts [--documents N] [--topics K] [--steps N] [--samples S]
//
// Writes the corpus (tests/helpers/topic-corpus.ts: each document about one of K topics, 70% of its
// tokens from that topic's 25 words, the rest from 20 common words; seed 0) as documents.txt in a
// temporary folder beside a copy of the template whose vocabulary is the corpus's (K·25 + 20 words
// and the 2 reserved ids), trains it with `latent-studio train --out`, evaluates the run with
// `latent-studio evaluate` (perplexity from the importance-sampled log-likelihood), and computes
// the unigram model's held-out perplexity on the same split (training frequencies).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadText } from '../electron/engine/data/text';
import { parseGraphFile, serializeGraphFile, type TextParams } from '../shared/graph/index';
import { topicCorpus } from '../tests/helpers/topic-corpus';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const documents = option('--documents', 2000);
const topics = option('--topics', 4);
const samples = option('--samples', 100);

const dir = mkdtempSync(join(tmpdir(), 'bow-vae-text-'));
writeFileSync(join(dir, 'documents.txt'), topicCorpus(documents, topics, 0));
const doc = parseGraphFile(readFileSync('assets/examples/bow-vae-text.json', 'utf8'));
const V = topics * 25 + 20 + 2;
const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
node('docs').params = { ...node('docs').params, vocabularySize: V };
node('decoder').params = { ...node('decoder').params, heads: [{ name: 'logits', size: V, activation: 'linear' }] };
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
const p = node('docs').params as TextParams;
const splits = loadText(join(dir, 'documents.txt'), p);
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

console.log(`corpus: ${documents} documents, ${topics} topics, vocabulary ${V} ids; ${splits.heldOut.length} held-out documents, ${tokens} tokens`);
console.log('| example | steps | time | training ELBO | held-out ELBO | held-out log-likelihood (IS, S = %d) | perplexity (IS) | unigram perplexity |', samples);
console.log(`| bow-vae-text | ${trained.steps} | ${seconds.toFixed(0)} s | ${trained.elbo.toFixed(2)} | ${trained.valElbo.toFixed(2)} | ${evaluation.logLikelihood.toFixed(2)} | ${evaluation.perplexity.toFixed(2)} | ${Math.exp(-logP / tokens).toFixed(2)} |`);
