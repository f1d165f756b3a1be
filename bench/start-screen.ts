/**
 * How soon the start screen shows its templates: web mode (`latent-studio serve`'s start) and
 * headless Chromium; each load in a fresh browser context (nothing cached), timed from the request
 * for the page until the first template's button is visible. Also what crossed the wire (bytes as
 * sent, after any compression) and the browser's own marks (DOMContentLoaded, first contentful
 * paint).
 *
 *   npm run bench:start -- [--runs N] [--busy]
 *
 * `--busy` trains the VAE template in another process meanwhile (`latent-studio train`, with the
 * wasm threads the app gives its training worker), as when a run is training on the other core.
 * Needs the built renderer (`npm run build:renderer`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWebMode } from '../electron/cli-serve';
import { appWorkerThreads, THREADS_ENV } from '../electron/engine/kernels/wasm-thread-count';
import { chromiumPath, ensureRendererBuilt } from '../tests/e2e/web-app';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 7;
const busy = args.includes('--busy');

interface Load {
  readonly ms: number;
  readonly domContentLoadedMs: number;
  readonly firstContentfulPaintMs: number;
  readonly bytes: number;
  readonly requests: number;
}

await ensureRendererBuilt();
const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
const { server, pageUrl } = await startWebMode({ dir, port: 0 });
// One wasm thread, as the app's own training worker has on two cores (all but one: see
// electron/engine/kernels/wasm-thread-count.ts), so the window keeps the other core.
const trainer = busy
  ? spawn(process.execPath, ['bin/latent-studio.mjs', 'train', 'assets/examples/vae-mnist.json', '--steps', '1000000'], {
      stdio: 'ignore',
      env: { ...process.env, [THREADS_ENV]: String(appWorkerThreads()) },
    })
  : null;
if (trainer) await new Promise((r) => setTimeout(r, 5000)); // past its data loading, into training
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
const loads: Load[] = [];
try {
  for (let i = 0; i < runs + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const responses: Promise<number>[] = [];
    page.on('requestfinished', (request) => responses.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
    const t0 = performance.now();
    await page.goto(pageUrl);
    await page.getByRole('button', { name: 'Variational autoencoder on MNIST' }).waitFor({ state: 'visible', timeout: 60_000 });
    const ms = performance.now() - t0;
    const marks = await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { dcl: nav ? nav.domContentLoadedEventEnd : -1, fcp: fcp ? fcp.startTime : -1 };
    })()`) as { dcl: number; fcp: number };
    const bytes = (await Promise.all(responses)).reduce((s, b) => s + b, 0);
    // The first load warms the server's caches and the disk: not counted.
    if (i > 0) loads.push({ ms, domContentLoadedMs: marks.dcl, firstContentfulPaintMs: marks.fcp, bytes, requests: responses.length });
    await context.close();
  }
} finally {
  await browser.close();
  trainer?.kill();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f = (x: number): string => `${Math.round(x)} ms`;
console.log(JSON.stringify({ busy, loads }));
console.log(`\nstart screen (${runs} loads, fresh context each${busy ? ', a run training meanwhile' : ''}):`);
console.log(`  templates visible  median ${f(median(loads.map((l) => l.ms)))}  (min ${f(Math.min(...loads.map((l) => l.ms)))}, max ${f(Math.max(...loads.map((l) => l.ms)))})`);
console.log(`  DOMContentLoaded   median ${f(median(loads.map((l) => l.domContentLoadedMs)))}`);
console.log(`  first paint        median ${f(median(loads.map((l) => l.firstContentfulPaintMs)))}`);
console.log(`  transferred        ${(median(loads.map((l) => l.bytes)) / 1024).toFixed(0)} KiB in ${median(loads.map((l) => l.requests))} requests`);
