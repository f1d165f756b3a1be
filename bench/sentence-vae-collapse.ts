// Posterior collapse in the sentence VAE template, with and without the remedies: the template as
// shipped (KL warm-up over 500 steps, free bits 0.25 per dimension, word dropout 0.3) against the
// same graph with all three off (β = 1 from the first step, no free bits, the decoder reading every
// word). Each is trained in process (the trainer `latent-studio train` runs) for the same steps and
// seed, then reports:
//   - KL: the training KL(q(z | x) ‖ p(z)) per sentence, in nats, the mean of the reports of the
//     last 10% of the steps (0 is a collapsed posterior: z says nothing of the sentence);
//   - perplexity: held-out, exp(−Σ log p(x) / Σ tokens) with log p(x) importance-sampled from q with
//     S samples, every sentence's end token counted (`latent-studio evaluate`'s number).
//
//   npx tsx bench/sentence-vae-collapse.ts [--steps N] [--samples S]
//
// Defaults: 1,000 steps, S = 100. Prints a Markdown table (the README's row).
import { readFileSync } from 'node:fs';
import { initBackend } from '../electron/engine/backend';
import { heldOutBounds } from '../electron/engine/train/held-out-bounds';
import { perplexity, tokensScored } from '../electron/engine/train/perplexity';
import { prepareTraining, train } from '../electron/engine/train/trainer';
import { parseGraphFile, type GraphFile } from '../shared/graph/index';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const steps = option('--steps', 1000);
const samples = option('--samples', 100);

/** The template, or the template with warm-up, free bits and word dropout off. */
function variant(remedies: boolean): GraphFile {
  const doc = parseGraphFile(readFileSync('assets/examples/sentence-vae-text.json', 'utf8'));
  doc.training.duration = { steps };
  if (!remedies) {
    if (doc.training.objective.kind !== 'elbo') throw new Error('the template trains the ELBO');
    doc.training.objective = { ...doc.training.objective, warmupSteps: 0, freeBits: 0 };
    const decoder = doc.graph.nodes.find((n) => n.kind === 'network.gruDecoder')!;
    decoder.params = { ...decoder.params, wordDropout: 0 };
  }
  return doc;
}

async function measure(remedies: boolean): Promise<{ kl: number; perplexity: number; seconds: number; elbo: number }> {
  const p = prepareTraining(variant(remedies), process.cwd());
  const kls: Array<{ step: number; kl: number }> = [];
  const t0 = Date.now();
  const r = await train(p, { steps, reportEvery: 10, onEvent: (e) => { if (e.type === 'metrics') kls.push({ step: e.step, kl: Object.values(e.kl).reduce((a, b) => a + b, 0) }); } });
  const seconds = (Date.now() - t0) / 1000;
  const last = kls.filter((k) => k.step > steps * 0.9);
  const kl = last.reduce((s, k) => s + k.kl, 0) / last.length;
  const n = p.data.heldOut.length;
  const b = heldOutBounds(p, p.data.heldOut, { samples: [samples], seed: 1 });
  const tokens = tokensScored(p.model, p.data.heldOut, n)!;
  p.model.dispose();
  return { kl, perplexity: perplexity(b.logLikelihood, n, tokens), seconds, elbo: r.elbo };
}

async function main(): Promise<void> {
  const backend = await initBackend('auto');
  const rows = [
    ['warm-up 500 + free bits 0.25 + word dropout 0.3', await measure(true)],
    ['none (β = 1, no free bits, no word dropout)', await measure(false)],
  ] as const;
  console.log(`backend ${backend.name}, ${steps} steps, perplexity importance-sampled with S = ${samples}`);
  console.log('| remedies | steps | time | training ELBO | KL (nats, last 10%) | held-out perplexity (IS) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, m] of rows) console.log(`| ${name} | ${steps} | ${m.seconds.toFixed(0)} s | ${m.elbo.toFixed(2)} | ${m.kl.toFixed(2)} | ${m.perplexity.toFixed(1)} |`);
}

void main();
