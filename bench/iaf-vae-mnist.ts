// The IAF-VAE template against the plain VAE template on binarized MNIST: the same encoder and
// decoder (784→400→{loc 20, scale 20}, 20→400→784), the same optimiser, batch, seed and number of
// steps; the IAF-VAE adds two IAF steps after the encoder's Normal. Each is trained in process
// (the trainer `latent-studio train` runs), then evaluated on the first 1,000 held-out digits as the
// examples table is (`latent-studio evaluate --samples 100`: importance-weighted bounds from q), and
// its posterior's dependence is measured: the correlation matrix of 2,000 draws of z from q(z | x)
// for each of the first 10 held-out digits (mean and largest |r| off the diagonal; for a
// factorised q these are sampling noise, about 0.018 and 0.07).
//
//   npx tsx bench/iaf-vae-mnist.ts [--steps N] [--samples S] [--examples n]
//
// Defaults: the templates' 2,000 steps, S = 100, n = 1,000. Prints a Markdown table (the README's row).
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { initBackend } from '../electron/engine/backend';
import { BatchMaker } from '../electron/engine/train/batch';
import { heldOutBounds } from '../electron/engine/train/held-out-bounds';
import { prepareTraining, train, type Prepared } from '../electron/engine/train/trainer';
import { parseGraphFile } from '../shared/graph/index';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const steps = option('--steps', 2000);
const samples = option('--samples', 100);
const examples = option('--examples', 1000);
const DIGITS = 10;
const DRAWS = 2000;

/** Mean and largest |r| off the diagonal of the correlation matrix of DRAWS draws of z from q(z | x) for held-out digit i. */
function correlation(p: Prepared, i: number): { mean: number; max: number } {
  const x = new BatchMaker(p.data.heldOut, p.columns).make(new Int32Array(DRAWS).fill(i));
  const z = tf.tidy(() => Object.values(p.model.forward({ latents: 'posterior', outputs: 'latents', seed: 7 + i, batch: x }).latents)[0]!.arraySync() as number[][]);
  for (const t of Object.values(x)) t.dispose();
  const D = z[0]!.length;
  const mean = Array.from({ length: D }, (_, d) => z.reduce((s, r) => s + r[d]!, 0) / DRAWS);
  const c = z.map((r) => r.map((v, d) => v - mean[d]!));
  const cov = (a: number, b: number): number => c.reduce((s, r) => s + r[a]! * r[b]!, 0) / DRAWS;
  let sum = 0;
  let max = 0;
  for (let a = 0; a < D; a++) {
    for (let b = a + 1; b < D; b++) {
      const r = Math.abs(cov(a, b) / Math.sqrt(cov(a, a) * cov(b, b)));
      sum += r;
      max = Math.max(max, r);
    }
  }
  return { mean: sum / ((D * (D - 1)) / 2), max };
}

await initBackend('wasm');
const rows: string[] = [];
for (const name of ['vae-mnist', 'iaf-vae-mnist']) {
  const doc = parseGraphFile(readFileSync(`assets/examples/${name}.json`, 'utf8'));
  const p = prepareTraining(doc, '.');
  process.stderr.write(`${name}: training ${steps} steps…\n`);
  const t0 = Date.now();
  const r = await train(p, { steps });
  const seconds = (Date.now() - t0) / 1000;
  process.stderr.write(`${name}: evaluating…\n`);
  const b = heldOutBounds(p, p.data.heldOut, { samples: [1, samples], seed: 1, examples });
  const corr = Array.from({ length: DIGITS }, (_, i) => correlation(p, i));
  const meanR = corr.reduce((s, c) => s + c.mean, 0) / DIGITS;
  const maxR = corr.reduce((s, c) => s + c.max, 0) / DIGITS;
  const f = (x: number): string => x.toFixed(2).replace('-', '−');
  const bound = b.bounds.at(-1)!;
  rows.push(`| ${name} | ${steps} | ${Math.round(seconds)} s | ${f(r.elbo)} | ${f(r.valElbo)} | ${f(bound.bound)} ± ${bound.standardError.toFixed(2)} | ${meanR.toFixed(3)} / ${maxR.toFixed(3)} |`);
  console.log(JSON.stringify({ name, steps, seconds, elbo: r.elbo, valElbo: r.valElbo, stepsPerSec: r.stepsPerSec, bounds: b.bounds, correlation: { meanAbs: meanR, meanMaxAbs: maxR, perDigit: corr } }));
  p.model.dispose();
}
console.log(`\n| example | steps | time | training ELBO | held-out ELBO | held-out IWAE bound (S = ${samples}, ${examples} digits) | mean / largest off-diagonal \\|r\\| of z ~ q(z \\| x) (${DIGITS} digits × ${DRAWS} draws) |`);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
