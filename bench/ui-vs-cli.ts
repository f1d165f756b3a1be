/**
 * Is training from the app's UI as fast as training from the command line? Trains the VAE
 * template (assets/examples/vae-mnist.json) for N steps both ways, alternating (UI, CLI, then CLI,
 * UI, …) so machine load falls on both alike:
 *
 * - UI: web mode and headless Chromium (a fresh app each time); the template opened from the start
 *   screen, its number of steps set in the Training panel, Train pressed, and the run followed to
 *   "done". Its steps/s is the finished run's summary as the renderer receives it (read from the
 *   page's WebSocket): the app shows no speed once a run is done. Also kept: the median of the
 *   speeds the progress bar showed while running (its text, read every second; each is the speed
 *   of the last 10 steps), and the wall-clock time from pressing Train to the "done" summary.
 * - CLI: `latent-studio train vae-mnist.json --steps N --out <tmp> --json`, its last line's steps/s
 *   and its wall-clock time (process start to exit).
 *
 * Both steps/s are the trainer's (electron/engine/train/trainer.ts): steps over the time spent in
 * training steps, so data loading, evaluation, checkpoints and start-up are left out of both, and
 * so is the work the app does between steps (its metric reports every 10 steps, the inspections
 * for the Samples and Latent panels). What that work costs shows in a second rate for each way,
 * "between reports": steps from the first report at step 50 or later to the last, over the
 * wall-clock time between their arrival (metrics on the page's WebSocket; the CLI's JSON lines).
 *
 *   npm run bench:ui-speed -- [--steps N] [--runs R]     (default 1000 steps, 3 runs each way)
 *
 * Needs the built renderer (`npm run build:renderer`) and Chromium.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunSummary } from '../shared/protocol/runs';
import { nodeEl } from '../tests/e2e/editor-driver';
import { dock, setTraining, trainButton } from '../tests/e2e/train-driver';
import { ensureRendererBuilt, startWebApp } from '../tests/e2e/web-app';

const root = fileURLToPath(new URL('..', import.meta.url));
const TEMPLATE = 'assets/examples/vae-mnist.json';
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const steps = option('--steps', 1000);
const runs = option('--runs', 3);

interface Trial {
  readonly stepsDone: number;
  readonly stepsPerSec: number;
  readonly wallSec: number;
  readonly backend: string;
  /** Steps per wall-clock second between the first report at step ≥ 50 and the last. */
  readonly betweenReports: number;
  /** UI only: the median of the speeds the progress bar showed while running. */
  readonly shownStepsPerSec?: number;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** When reports arrive: the first at step ≥ 50 and the last, for {@link Trial.betweenReports}. */
class Reports {
  private first: { step: number; at: number } | null = null;
  private last: { step: number; at: number } | null = null;
  seen(step: number): void {
    const r = { step, at: performance.now() };
    if (step >= 50) this.first ??= r;
    this.last = r;
  }
  rate(): number {
    return this.first && this.last && this.last.at > this.first.at ? ((this.last.step - this.first.step) * 1000) / (this.last.at - this.first.at) : Number.NaN;
  }
}

async function trainInUi(): Promise<Trial> {
  const app = await startWebApp();
  try {
    // Listen to what the renderer receives: a fresh page, watched before it connects.
    let finished: { run: RunSummary; at: number } | null = null;
    const reports = new Reports();
    app.context.on('page', (p) =>
      p.on('websocket', (ws) =>
        ws.on('framereceived', ({ payload }) => {
          // Skips the large inspection frames without parsing them.
          if (typeof payload !== 'string' || !/"run\.(updated|metrics)"/.test(payload.slice(0, 100))) return;
          const { event } = JSON.parse(payload) as { event: { type: 'run.updated'; run: RunSummary } | { type: 'run.metrics'; metrics: { step: number }[] } };
          if (event.type === 'run.metrics') reports.seen(event.metrics.at(-1)!.step);
          else if (['done', 'stopped', 'failed'].includes(event.run.status)) finished ??= { run: event.run, at: performance.now() };
        }),
      ),
    );
    await app.reload();
    const { page } = app;
    await page.getByRole('button', { name: 'Variational autoencoder on MNIST' }).click();
    await nodeEl(page, 'decoder').waitFor();
    await setTraining(page, { steps });
    const start = performance.now();
    await trainButton(page).click();
    const shown: number[] = [];
    const deadline = start + 30 * 60_000;
    while (finished === null) {
      if (performance.now() > deadline) throw new Error('the UI run did not finish within 30 min');
      const text = await dock(page).locator('.run-progress__speed').innerText({ timeout: 200 }).catch(() => '');
      const rate = Number.parseFloat(text.replace(/,/g, ''));
      if (Number.isFinite(rate)) shown.push(rate);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const { run, at } = finished as { run: RunSummary; at: number };
    if (run.status !== 'done') throw new Error(`the UI run ended ${run.status}${run.error ? `: ${run.error.message}` : ''}`);
    return { stepsDone: run.step, stepsPerSec: run.stepsPerSec ?? Number.NaN, wallSec: (at - start) / 1000, backend: run.backend ?? '?', betweenReports: reports.rate(), shownStepsPerSec: median(shown) };
  } finally {
    await app.close();
  }
}

async function trainInCli(): Promise<Trial> {
  const out = mkdtempSync(join(tmpdir(), 'bench-ui-vs-cli-'));
  try {
    const start = performance.now();
    const child = spawn(process.execPath, ['bin/latent-studio.mjs', 'train', TEMPLATE, '--steps', String(steps), '--out', out, '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const reports = new Reports();
    const lines: string[] = [];
    let partial = '';
    child.stdout.on('data', (d: Buffer) => {
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('{"type":"metrics"')) reports.seen((JSON.parse(line) as { step: number }).step);
      }
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    const wallSec = (performance.now() - start) / 1000;
    const last = JSON.parse(lines.at(-1) ?? '{}') as { type?: string; steps: number; stepsPerSec: number; backend: string };
    if (code !== 0 || last.type !== 'done') throw new Error(`latent-studio train exited ${code}: ${lines.slice(-3).join('\n')}`);
    return { stepsDone: last.steps, stepsPerSec: last.stepsPerSec, wallSec, backend: last.backend, betweenReports: reports.rate() };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

await ensureRendererBuilt();
const ui: Trial[] = [];
const cli: Trial[] = [];
for (let i = 0; i < runs; i++) {
  // UI first on even repetitions, CLI first on odd ones, so a drift in load cancels.
  for (const way of i % 2 === 0 ? ['ui', 'cli'] : ['cli', 'ui']) {
    const t = way === 'ui' ? await trainInUi() : await trainInCli();
    (way === 'ui' ? ui : cli).push(t);
    console.error(`run ${i + 1} ${way}: ${t.stepsDone} steps, ${t.stepsPerSec.toFixed(1)} steps/s, ${t.wallSec.toFixed(1)} s wall (${t.backend})`);
  }
}

const f1 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(1));
type Key = 'stepsPerSec' | 'betweenReports' | 'shownStepsPerSec' | 'wallSec';
const row = (label: string, get: (ts: Trial[], k: Key) => number | undefined, stepsText: string) =>
  `| ${label} | ${stepsText} | ${f1(get(ui, 'stepsPerSec'))} | ${f1(get(cli, 'stepsPerSec'))} | ${f1(get(ui, 'betweenReports'))} | ${f1(get(cli, 'betweenReports'))} | ${f1(get(ui, 'shownStepsPerSec'))} | ${f1(get(ui, 'wallSec'))} | ${f1(get(cli, 'wallSec'))} |`;
const med = (ts: Trial[], k: Key) => median(ts.map((t) => t[k] ?? Number.NaN));
console.log(`\nVAE template (${TEMPLATE}), ${steps} steps; backend: UI ${ui[0]!.backend}, CLI ${cli[0]!.backend}\n`);
console.log('| run | steps (UI / CLI) | UI steps/s (app) | CLI steps/s | UI between reports | CLI between reports | UI shown on bar (median) | UI wall s (Train → done) | CLI wall s (process) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (let i = 0; i < runs; i++) console.log(row(String(i + 1), (ts, k) => ts[i]![k], `${ui[i]!.stepsDone} / ${cli[i]!.stepsDone}`));
console.log(row('median', med, ''));
const ratio = (k: Key) => med(ui, k) / med(cli, k);
const verdict = (r: number) => `${r.toFixed(3)} (within 10%, i.e. ≥ 0.90: ${r >= 0.9 ? 'yes' : 'NO'})`;
console.log(`\nUI / CLI, medians: steps/s as each reports it ${verdict(ratio('stepsPerSec'))}; between reports ${verdict(ratio('betweenReports'))}`);
