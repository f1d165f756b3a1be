/**
 * How soon the start screen shows its templates: web mode (`latent-studio serve`'s start) and
 * headless Chromium; each load in a fresh browser context (nothing cached), timed in the page from
 * the start of navigation to the frame that shows the first template's card, and to the frame that
 * shows the editor (which loads behind the start screen). Also what crossed the wire (bytes as
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

/**
 * Runs in the page before its own scripts: notes when the VAE template's card and the editor (its
 * canvas) first enter the page, and the time of the frame that shows them (the first
 * requestAnimationFrame after, then the end of that frame's task), from the start of navigation.
 * Timed inside the page because a probe from outside (Playwright's visibility polling) runs on the
 * page's main thread too and waits behind the editor's code starting up after the templates show.
 */
const WATCH_PAINTS = `(() => {
  const note = (key) => {
    window[key] = -1;
    requestAnimationFrame(() => setTimeout(() => { window[key] = performance.now(); }, 0));
  };
  const templateShown = () => [...document.querySelectorAll('button')].some((b) => (b.textContent || '').includes('Variational autoencoder on MNIST'));
  const observer = new MutationObserver(() => {
    if (window.__templatesPainted === undefined && templateShown()) note('__templatesPainted');
    if (window.__editorPainted === undefined && document.querySelector('.react-flow')) note('__editorPainted');
    if (window.__templatesPainted !== undefined && window.__editorPainted !== undefined) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

interface Load {
  /** The frame showing the templates, from the start of navigation. */
  readonly ms: number;
  /** The frame showing the editor (its canvas), which replaces the start preview. */
  readonly editorMs: number;
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
    await page.addInitScript(WATCH_PAINTS);
    await page.goto(pageUrl);
    // Polled with evaluate (run through the DevTools protocol): waitForFunction evaluates a string
    // in the page, which its Content-Security-Policy refuses.
    for (const deadline = performance.now() + 60_000; !(await page.evaluate('window.__templatesPainted > 0 && window.__editorPainted > 0')); ) {
      if (performance.now() > deadline) throw new Error('the start screen or the editor did not show within 60 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    const marks = await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { templates: window.__templatesPainted, editor: window.__editorPainted, dcl: nav ? nav.domContentLoadedEventEnd : -1, fcp: fcp ? fcp.startTime : -1 };
    })()`) as { templates: number; editor: number; dcl: number; fcp: number };
    const bytes = (await Promise.all(responses)).reduce((s, b) => s + b, 0);
    // The first load warms the server's caches and the disk: not counted.
    if (i > 0) loads.push({ ms: marks.templates, editorMs: marks.editor, domContentLoadedMs: marks.dcl, firstContentfulPaintMs: marks.fcp, bytes, requests: responses.length });
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
console.log(`  editor shown       median ${f(median(loads.map((l) => l.editorMs)))}`);
console.log(`  DOMContentLoaded   median ${f(median(loads.map((l) => l.domContentLoadedMs)))}`);
console.log(`  first paint        median ${f(median(loads.map((l) => l.firstContentfulPaintMs)))}`);
console.log(`  transferred        ${(median(loads.map((l) => l.bytes)) / 1024).toFixed(0)} KiB in ${median(loads.map((l) => l.requests))} requests`);
