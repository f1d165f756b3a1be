// The PyTorch export trains as the app does: the VAE and the classifier templates, on all of MNIST,
// each trained by the app in process (as `latent-studio train` does) and by the exported train.py
// under Debian's PyTorch (/usr/bin/python3, one process on the CPU), from the same initial weights
// and with the same settings. The two draw their own batches and noise, so they agree in
// distribution, not bit for bit: the training ELBO is compared as the mean of the last 500 steps'
// reports, the held-out ELBO and accuracy at the end.
//
//   npx tsx bench/pytorch-agreement.ts [--steps N]
//
// Defaults: each template's own duration (the VAE 2,000 steps, the classifier one epoch). Prints a
// Markdown table (the README's) and a JSON line per example.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { initBackend } from '../electron/engine/backend';
import { exportPytorch } from '../electron/engine/export/pytorch/export-pytorch';
import { prepareTraining, train, type MetricsEvent } from '../electron/engine/train/trainer';
import { parseGraphFile } from '../shared/graph/index';

const PYTHON = '/usr/bin/python3';
const args = process.argv.slice(2);
const stepsArg = args.includes('--steps') ? Number(args[args.indexOf('--steps') + 1]) : undefined;
const LAST = 500;

interface Side {
  readonly steps: number;
  readonly seconds: number;
  readonly trainingElbo: number;
  readonly heldOutElbo: number;
  readonly accuracy: number | undefined;
}

/** Mean ELBO of the reports over the last LAST steps (each report averages the steps since the one before). */
function tailMean(reports: readonly { step: number; elbo: number }[], steps: number): number {
  const tail = reports.filter((r) => r.step > steps - LAST);
  return tail.reduce((s, r) => s + r.elbo, 0) / tail.length;
}

async function app(path: string, steps: number | undefined): Promise<Side> {
  const doc = parseGraphFile(readFileSync(path, 'utf8'));
  const p = prepareTraining(doc, dirname(path));
  const reports: MetricsEvent[] = [];
  const t0 = Date.now();
  const r = await train(p, { ...(steps === undefined ? {} : { steps }), reportEvery: 50, onEvent: (e) => e.type === 'metrics' && reports.push(e) });
  const seconds = (Date.now() - t0) / 1000;
  p.model.dispose();
  const total = reports.at(-1)!.step;
  return { steps: total, seconds, trainingElbo: tailMean(reports, total), heldOutElbo: r.valElbo, accuracy: Object.values(r.valAccuracy ?? {})[0] };
}

function torch(path: string, steps: number | undefined): Side {
  const doc = parseGraphFile(readFileSync(path, 'utf8'));
  const files = exportPytorch({ doc, baseDir: dirname(path), source: path });
  const dir = mkdtempSync(join(tmpdir(), 'pytorch-agreement-'));
  try {
    for (const [rel, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), bytes);
    }
    const t0 = Date.now();
    const run = spawnSync(PYTHON, ['train.py', '--device', 'cpu', '--out', 'run', ...(steps === undefined ? [] : ['--steps', String(steps)])], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
    if (run.status !== 0) throw new Error(`train.py failed (${run.status ?? run.signal}):\n${run.stderr}`);
    const seconds = (Date.now() - t0) / 1000;
    const lines = (file: string) => readFileSync(join(dir, 'run', file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const reports = lines('metrics.jsonl') as { step: number; elbo: number }[];
    const last = lines('evals.jsonl').at(-1) as { valElbo: number; valAccuracy: Record<string, number> };
    const total = reports.at(-1)!.step;
    return { steps: total, seconds, trainingElbo: tailMean(reports, total), heldOutElbo: last.valElbo, accuracy: Object.values(last.valAccuracy)[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const check = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
if (check.status !== 0) {
  console.error(`This benchmark needs PyTorch at ${PYTHON} (apt-get install python3-torch).`);
  process.exit(1);
}
await initBackend('wasm');
const f = (x: number): string => x.toFixed(2).replace('-', '−');
const pct = (x: number | undefined): string => (x === undefined ? '–' : `${(100 * x).toFixed(2)}%`);
const rows: string[] = [];
for (const name of ['vae-mnist', 'classifier-mnist']) {
  const path = `assets/examples/${name}.json`;
  process.stderr.write(`${name}: the app trains…\n`);
  const a = await app(path, stepsArg);
  process.stderr.write(`${name}: PyTorch ${check.stdout.trim()} trains…\n`);
  const t = torch(path, stepsArg);
  console.log(JSON.stringify({ name, app: a, torch: t }));
  for (const [who, s] of [['Latent Studio', a], ['PyTorch export', t]] as const) {
    rows.push(`| ${name} | ${who} | ${s.steps} | ${Math.round(s.seconds)} s | ${f(s.trainingElbo)} | ${f(s.heldOutElbo)} | ${pct(s.accuracy)} |`);
  }
  const accuracyGap = a.accuracy === undefined || t.accuracy === undefined ? '–' : `${(100 * Math.abs(a.accuracy - t.accuracy)).toFixed(2)} points`;
  rows.push(`| ${name} | difference | | | ${Math.abs(a.trainingElbo - t.trainingElbo).toFixed(2)} nats | ${Math.abs(a.heldOutElbo - t.heldOutElbo).toFixed(2)} nats | ${accuracyGap} |`);
}
console.log(`\n| example | trained by | steps | time | training ELBO (mean of the last ${LAST} steps) | held-out ELBO | held-out accuracy |`);
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
