/**
 * How smooth the renderer stays while a run streams: opens the VAE template in Chromium against
 * web mode, trains it, and records every animation frame's interval and every long task (> 50 ms
 * on the main thread) for a while during training. Run: `npx tsx bench/ui-frames.ts [seconds] [tab]`
 * (default 15 s, the Curves tab). Needs the built renderer (`npm run build:renderer`) and Chromium.
 */
import { ensureRendererBuilt, startWebApp } from '../tests/e2e/web-app';

interface FrameStats {
  readonly frames: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly over50: number;
  readonly longTasks: number;
  readonly longTaskMs: number;
}

/**
 * Runs in the page, as source text: tsx would wrap named functions in a helper the page lacks.
 * Records requestAnimationFrame intervals and long tasks for `ms` milliseconds.
 */
const MEASURE = `async function measure(ms) {
  const long = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(e.duration); });
  observer.observe({ type: 'longtask', buffered: false });
  const intervals = [];
  await new Promise((done) => {
    let last = -1, start = -1;
    function tick(t) {
      if (start < 0) start = t;
      if (last >= 0) intervals.push(t - last);
      last = t;
      if (t - start < ms) requestAnimationFrame(tick); else done();
    }
    requestAnimationFrame(tick);
  });
  observer.disconnect();
  const sorted = [...intervals].sort((a, b) => a - b);
  function q(p) { return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]; }
  return {
    frames: intervals.length,
    meanMs: intervals.reduce((a, b) => a + b, 0) / intervals.length,
    p50Ms: q(0.5), p95Ms: q(0.95), p99Ms: q(0.99), maxMs: sorted[sorted.length - 1],
    over50: intervals.filter((x) => x > 50).length,
    longTasks: long.length,
    longTaskMs: long.reduce((a, b) => a + b, 0),
  };
}`;

const seconds = Number(process.argv[2] ?? 15);
/** The dock tab open while measuring (default Curves, the busiest). */
const tab = process.argv[3];
await ensureRendererBuilt();
const app = await startWebApp();
const { page } = app;
try {
  await page.getByRole('button', { name: 'Variational autoencoder on MNIST' }).click();
  await page.locator('.react-flow__node[data-id="decoder"]').waitFor();
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.click(pane.x + 30, pane.y + 30);
  const steps = page.getByLabel('Number of steps', { exact: true });
  await steps.fill('100000');
  await steps.press('Enter');
  await page.getByRole('group', { name: 'Training' }).getByRole('button', { name: /^Train/ }).click();
  // Measure once metrics stream (the worker loads MNIST first).
  await page.locator('figure[data-chart-name="elbo"] path.recharts-line-curve').first().waitFor({ timeout: 120_000 });
  if (tab) await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  const stats = (await page.evaluate(`(${MEASURE})(${seconds * 1000})`)) as FrameStats;
  const step = await page.getByRole('region', { name: 'Training dock' }).getByRole('progressbar').getAttribute('aria-valuenow');
  console.log(`UI frame time while a run streams (${seconds} s, ${tab ?? 'Curves'} tab, up to step ${step}):`);
  console.log(`  frames ${stats.frames}, mean ${stats.meanMs.toFixed(1)} ms, median ${stats.p50Ms.toFixed(1)} ms, p95 ${stats.p95Ms.toFixed(1)} ms, p99 ${stats.p99Ms.toFixed(1)} ms, max ${stats.maxMs.toFixed(1)} ms`);
  console.log(`  frames over 50 ms: ${stats.over50}; long tasks: ${stats.longTasks} (${stats.longTaskMs.toFixed(0)} ms in all)`);
} finally {
  await app.close();
}
