/**
 * `npm run bench:advi [-- --steps N --seed S --graph FILE]`: trains the ADVI template (Weibull prior, Poisson
 * likelihood, q(ζ) = N(μ, σ²) over ζ = log rate) with its own settings and compares the rate's
 * posterior under q, E_q[rate] = exp(μ + σ²/2) and sd = E_q[rate] √(e^{σ²} − 1), with the exact
 * posterior p(rate | x) ∝ Weibull(rate; 3, 2) Π_i Poisson(x_i; rate) on the same training counts,
 * computed by quadrature (the rate is one number, so the normaliser is a 1-D integral). The README's
 * figures for the template come from here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGraphFile, type WeibullParams } from '../shared/graph/index';
import { initBackend } from '../electron/engine/backend';
import { prepareTraining, train } from '../electron/engine/train/trainer';

const args = process.argv.slice(2);
const option = (name: string): number | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : Number(args[i + 1]);
};

/** Mean and standard deviation of the exact posterior of the rate, by the trapezoid rule on a fine grid in log rate. */
function exactPosterior(counts: readonly number[], scale: number, concentration: number): { mean: number; sd: number } {
  const n = counts.length;
  const sum = counts.reduce((s, x) => s + x, 0);
  // log p(ζ | x) up to a constant, in ζ = log rate (the density of ζ carries the Jacobian e^ζ):
  // log Weibull(e^ζ) + ζ + Σx ζ − n e^ζ. The log-factorials of the counts are constants.
  const logDensity = (zeta: number): number => {
    const r = Math.exp(zeta);
    const logWeibull = Math.log(concentration / scale) + (concentration - 1) * Math.log(r / scale) - (r / scale) ** concentration;
    return logWeibull + zeta + sum * zeta - n * r;
  };
  const lo = -10;
  const hi = Math.log(10 * (sum / n + 10));
  const steps = 200_000;
  const h = (hi - lo) / steps;
  const values = Array.from({ length: steps + 1 }, (_, i) => logDensity(lo + i * h));
  const top = values.reduce((m, v) => Math.max(m, v), -Infinity);
  let mass = 0;
  let first = 0;
  let second = 0;
  values.forEach((v, i) => {
    const w = (i === 0 || i === steps ? 0.5 : 1) * Math.exp(v - top);
    const r = Math.exp(lo + i * h);
    mass += w;
    first += w * r;
    second += w * r * r;
  });
  const mean = first / mass;
  return { mean, sd: Math.sqrt(second / mass - mean * mean) };
}

async function main(): Promise<void> {
  const graphArg = args.indexOf('--graph');
  const path = graphArg >= 0 ? args[graphArg + 1]! : fileURLToPath(new URL('../assets/examples/advi-weibull-poisson.json', import.meta.url));
  const doc = parseGraphFile(readFileSync(path, 'utf8'));
  const backend = (await initBackend('auto')).name;
  const steps = option('--steps') ?? ('steps' in doc.training.duration ? doc.training.duration.steps : 2000);
  const p = prepareTraining(doc, '.', option('--seed'));
  const t0 = Date.now();
  const result = await train(p, { steps, reportEvery: 100 });
  const seconds = (Date.now() - t0) / 1000;
  const mu = p.model.learnables.get('mu')!.raw.dataSync()[0]!;
  const raw = p.model.learnables.get('sigma')!.raw.dataSync()[0]!;
  const sigma = Math.log1p(Math.exp(raw));
  p.model.dispose();
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  const sd = mean * Math.sqrt(Math.expm1(sigma * sigma));
  const counts = Array.from(p.data.train.columns.x!.values);
  const prior = doc.graph.nodes.find((n) => n.id === 'rate')!.params as Partial<WeibullParams>;
  const exact = exactPosterior(counts, prior.scale ?? 1, prior.concentration ?? 1);
  const pct = (a: number, b: number): string => `${a >= b ? '+' : ''}${((100 * (a - b)) / b).toFixed(1)}%`;
  console.log(`${path.split('/').pop()}, ${result.steps} steps in ${seconds.toFixed(1)} s on ${backend} (${result.stepsPerSec.toFixed(0)} steps/s)`);
  console.log(`training counts: n = ${counts.length}, sum ${counts.reduce((s, x) => s + x, 0)}, mean ${(counts.reduce((s, x) => s + x, 0) / counts.length).toFixed(3)}`);
  console.log(`q(ζ) = N(${mu.toFixed(4)}, ${sigma.toFixed(4)}²)`);
  console.log(`posterior of the rate   ADVI ${mean.toFixed(3)} ± ${sd.toFixed(3)}   exact (quadrature) ${exact.mean.toFixed(3)} ± ${exact.sd.toFixed(3)}   mean ${pct(mean, exact.mean)}, sd ${pct(sd, exact.sd)}`);
  console.log(`ELBO per count: training ${result.elbo.toFixed(3)} (last 10% of steps), held-out ${result.valElbo.toFixed(3)}`);
}

void main();
