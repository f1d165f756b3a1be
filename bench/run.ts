/**
 * `npm run bench` / `latent-studio bench`: trains vae-mnist with Latent Studio, and the same VAE
 * written by hand in plain tfjs and in PyTorch, and prints steps/s and training ELBO side by side.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGraphFile } from '../shared/graph/index';
import { initBackend } from '../electron/engine/backend';
import { prepareTraining, train } from '../electron/engine/train/trainer';
import { runHandwrittenVae } from './handwritten-vae';
import { runTorchTwin } from './torch-twin';

export interface BenchOptions {
  readonly steps: number;
  readonly baselineSteps: number;
  readonly seed: number;
}

interface Row {
  readonly name: string;
  readonly steps: number;
  readonly stepsPerSec: number;
  readonly elbo: number;
}

const fmt = (r: Row): string => `| ${r.name.padEnd(38)} | ${String(r.steps).padStart(5)} | ${r.stepsPerSec.toFixed(1).padStart(7)} | ${r.elbo.toFixed(2).padStart(8)} |`;

export async function runBenchmark(o: BenchOptions): Promise<void> {
  const graphPath = fileURLToPath(new URL('../assets/examples/vae-mnist.json', import.meta.url));
  const doc = parseGraphFile(readFileSync(graphPath, 'utf8'));
  const info = await initBackend('auto');
  const count = info.threads;
  const threads = count ? `, ${count} thread${count > 1 ? 's' : ''}` : '';
  const backend = info.name;
  const rows: Row[] = [];
  const note = (s: string) => process.stderr.write(`${s}\n`);

  note(`Latent Studio: vae-mnist, ${o.steps} steps on ${backend}…`);
  const p = prepareTraining(doc, '.', o.seed);
  const ls = await train(p, { steps: o.steps, reportEvery: 100 });
  p.model.dispose();
  rows.push({ name: `Latent Studio (${backend}${threads})`, steps: ls.steps, stepsPerSec: ls.stepsPerSec, elbo: ls.elbo });

  note(`hand-written tfjs VAE, ${o.baselineSteps} steps on ${backend}…`);
  const hw = await runHandwrittenVae({ steps: o.baselineSteps, seed: o.seed, backend });
  rows.push({ name: `hand-written tfjs (${backend}${threads})`, steps: o.baselineSteps, stepsPerSec: hw.stepsPerSec, elbo: hw.elbo });

  note(`PyTorch twin, ${o.steps} steps, 2 threads…`);
  const pt = await runTorchTwin({ steps: o.steps, seed: o.seed, threads: 2 });
  let torch: Row | null = null;
  if ('skipped' in pt) note(`PyTorch twin skipped: ${pt.skipped}`);
  else {
    const blas = pt.blas.startsWith('OpenBLAS') ? 'OpenBLAS' : pt.blas.startsWith('reference') ? 'reference BLAS' : pt.blas;
    torch = { name: `PyTorch ${pt.torch ?? ''} (2 threads, ${blas})`.replace('  ', ' '), steps: o.steps, stepsPerSec: pt.stepsPerSec, elbo: pt.elbo };
    rows.push(torch);
    note(`PyTorch's BLAS: ${pt.blas}${blas === 'reference BLAS' ? ' — a slow yardstick: `apt-get install libopenblas0-pthread` gives it OpenBLAS, as a pip wheel has' : ''}`);
  }

  console.log('| run                                    | steps | steps/s | training ELBO |');
  console.log('|----------------------------------------|------:|--------:|---------:|');
  for (const r of rows) console.log(fmt(r));
  console.log('');
  console.log(`speed-up over hand-written tfjs: ${(rows[0]!.stepsPerSec / hw.stepsPerSec).toFixed(2)}× (bar ≥ 3.5×)`);
  if (torch) {
    const fast = torch.name.includes('OpenBLAS');
    console.log(`speed versus PyTorch: ${(rows[0]!.stepsPerSec / torch.stepsPerSec).toFixed(2)}× (bar ${fast ? '≥ 2× against OpenBLAS' : '≥ 3× against the reference BLAS'})`);
    console.log(`ELBO difference to PyTorch after ${o.steps} steps: ${(rows[0]!.elbo - torch.elbo).toFixed(2)} nats (bar: within 2)`);
  }
  console.log('training ELBO: mean per-example ELBO over the last 10% of steps (hand-written tfjs: of its shorter run).');
}
