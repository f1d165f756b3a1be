/**
 * Starts the engine's worker thread (training runs and estimator labs share its entry), from
 * source through tsx or from the packaged bundle.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { THREADS_ENV, appWorkerThreads } from '../kernels/wasm-thread-count';

/**
 * Starts a worker on `entry`. A .ts entry is loaded by a tiny ESM bootstrap that registers tsx
 * first: on Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker's entry module
 * ("Unknown file extension .ts"), while tsx's `register()` inside the thread does.
 */
export function spawnWorker(entry: URL, resourceLimits: ResourceLimits): Worker {
  // The marker tells the entry module it is the training thread (importing it elsewhere is inert).
  const workerData = { latentStudioTrainingWorker: true };
  // Every core but one for the wasm backend's threads: the app's window shares the machine.
  const env = { ...process.env, [THREADS_ENV]: String(appWorkerThreads()) };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData, resourceLimits, env });
  // tsx/esm/api's ESM build sits next to the CommonJS one that require.resolve finds.
  const api = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')).href;
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData, resourceLimits, env });
}
