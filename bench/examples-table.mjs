#!/usr/bin/env node
// What each shipped example reaches: trains it with its own settings through the command line
// (`latent-studio train --out`), evaluates the run on held-out data (`latent-studio evaluate`), and
// prints a Markdown table: the README's "Examples" figures come from here.
//
//   node bench/examples-table.mjs [--steps N] [--samples S] [--examples n] [example ...]
//
// Defaults: each example's own step count, S = 100 importance samples, the first 1,000 held-out
// examples. Runs one example at a time (each trains on one core).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const steps = option('--steps', undefined);
const samples = option('--samples', '100');
const examples = option('--examples', '1000');
const dir = 'assets/examples';
const names = args.length ? args : readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => n.replace(/\.json$/, ''));
const cli = ['bin/latent-studio.mjs'];

function lastJson(stdout) {
  const lines = stdout.trim().split('\n').filter((l) => l.startsWith('{'));
  return JSON.parse(lines.at(-1));
}

function run(argv) {
  const r = spawnSync(process.execPath, [...cli, ...argv], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`latent-studio ${argv.join(' ')} failed:\n${r.stderr}`);
  return lastJson(r.stdout);
}

const fmt = (x, digits = 2) => (x === undefined || x === null ? '–' : x.toFixed(digits));
const rows = [];
for (const name of names) {
  const file = join(dir, `${name}.json`);
  const graph = JSON.parse(readFileSync(file, 'utf8'));
  // A template that reads a text file of the user's has no data here: bench/bow-vae-text.ts writes a corpus for it.
  if (graph.graph.nodes.some((n) => n.kind === 'data.text')) {
    process.stderr.write(`${name}: reads a text file; measured by bench/bow-vae-text.ts instead\n`);
    continue;
  }
  const out = mkdtempSync(join(tmpdir(), `example-${name}-`));
  process.stderr.write(`${name}: training…\n`);
  const t0 = Date.now();
  const done = run(['train', file, '--json', '--out', out, ...(steps ? ['--steps', steps] : [])]);
  const seconds = (Date.now() - t0) / 1000;
  const hasLatent = graph.graph.nodes.some((n) => n.params?.role === 'latent');
  // A global latent (ADVI's rate) is shared by every example: there is no per-example
  // importance-sampled log-likelihood to evaluate (`npm run bench:advi` compares its posterior instead).
  const global = graph.graph.nodes.some((n) => n.params?.role === 'latent' && n.params?.plate === 'global');
  let evaluation = null;
  if (hasLatent && !global) {
    process.stderr.write(`${name}: evaluating…\n`);
    evaluation = run(['evaluate', out, '--json', '--samples', samples, '--examples', examples]);
  }
  rmSync(out, { recursive: true, force: true });
  rows.push({ name, steps: done.steps, seconds, stepsPerSec: done.stepsPerSec, train: done.elbo, heldOut: done.valElbo, accuracy: done.valAccuracy, evaluation });
}

console.log(`| example | steps | time | training ELBO | held-out ELBO | held-out log-likelihood (IS, S = ${samples}) |`);
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  // A classifier has no latent: its held-out accuracy per observed Categorical instead.
  const accuracy = Object.entries(r.accuracy ?? {}).map(([name, a]) => `accuracy of ${name} ${(100 * a).toFixed(1)}%`).join(', ');
  const ll = r.evaluation ? fmt(r.evaluation.logLikelihood) : accuracy || '–';
  console.log(`| ${r.name} | ${r.steps} | ${Math.round(r.seconds)} s | ${fmt(r.train)} | ${fmt(r.heldOut)} | ${ll} |`);
}
