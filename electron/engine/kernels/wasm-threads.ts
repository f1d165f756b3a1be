/**
 * Runs tfjs-backend-wasm's threaded SIMD build in Node, so XNNPACK's matrix products (and its
 * element-wise binary ops) use every core instead of one.
 *
 * tfjs-backend-wasm 4.22.0 ships the threaded build but cannot start it under Node (measured
 * facts: ../shared/WASM-THREADS.md beside the repo). Four obstacles, and what this module does:
 * 1. `WASM_HAS_MULTITHREAD_SUPPORT` is hard-wired to false in Node: set it (and SIMD) to true.
 * 2. The Emscripten pthread worker is given as a `blob:` URL, which Node's Worker refuses:
 *    while the backend initialises, `worker_threads.Worker` is replaced by a subclass that runs
 *    the package's own worker script (`wasm-out/…threaded-simd.worker.js` exports its text) with
 *    `eval: true` when handed a `blob:` URL.
 * 3. The worker is told to load the main script from a Blob (a bundle function's source, which
 *    needs the bundle's private names); the subclass rewrites that `load` message to the path of
 *    the package's stand-alone glue (`wasm-out/tfjs-backend-wasm-threaded-simd.js`), the same
 *    Emscripten output without the bundle around it.
 * 4. The C++ side caps the pool at half the logical cores (2 cores → 1 thread): while the backend
 *    initialises, `os.cpus()` reports twice the wanted thread count.
 * Both patches are undone as soon as initialisation ends. After it, the pool's idle pre-spawned
 * workers (Emscripten starts 8) are terminated and the running one is unref'd, so a finished
 * CLI process exits.
 *
 * All of this depends on the internals of exactly one tfjs-backend-wasm version, so it refuses
 * any other (PATCHED_VERSION); tests/unit/electron/engine/kernels/wasm-threads.test.ts fails when
 * the pinned version changes or the threads stop running. On refusal, failure or a timeout,
 * backend.ts falls back to the single-threaded SIMD build and says why.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import workerThreads from 'node:worker_threads';
import { errorFirstLine } from '../error-first-line';

const require = createRequire(import.meta.url);

/** The tfjs-backend-wasm version whose internals this module was written against. */
export const PATCHED_VERSION = '4.22.0';

/** Why the threaded build cannot be tried here, or null when it can. */
export function threadedWasmUnavailable(): string | null {
  if (version_wasm !== PATCHED_VERSION) {
    return `tfjs-backend-wasm ${version_wasm} is not the version the thread patch was written for (${PATCHED_VERSION})`;
  }
  if (typeof SharedArrayBuffer !== 'function') return 'this runtime has no SharedArrayBuffer';
  return null;
}

/**
 * In the packaged desktop app the glue is unpacked beside the asar (electron-builder.yml): the
 * pthread workers read it with plain fs, which cannot look inside an asar.
 */
function outsideAsar(path: string): string {
  const unpacked = path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return unpacked !== path && existsSync(unpacked) ? unpacked : path;
}

interface PackageFiles {
  /** Text of the Emscripten pthread worker script. */
  workerScript: string;
  /** Path of the stand-alone threaded glue the workers load. */
  glue: string;
}

function packageFiles(): PackageFiles {
  const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js') as {
    wasmWorkerContents: string;
  };
  return {
    // As tfjs does before making its Blob: newlines inside the script's string literals are
    // real newlines in this text and must become escapes again.
    workerScript: wasmWorkerContents.replace(/\n/g, '\\n'),
    glue: outsideAsar(require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js')),
  };
}

/** Workers started for the pool during one initialisation (to clean up after it). */
const started = new Set<workerThreads.Worker>();

function pthreadWorkerClass(files: PackageFiles): typeof workerThreads.Worker {
  const Base = workerThreads.Worker;
  return class PthreadWorker extends Base {
    constructor(filename: string | URL, options?: workerThreads.WorkerOptions) {
      const blob = String(filename).startsWith('blob:');
      super(blob ? files.workerScript : filename, blob ? { ...options, eval: true } : options);
      if (blob) {
        started.add(this);
        this.once('exit', () => started.delete(this));
      }
    }

    override postMessage(message: unknown, transfer?: readonly workerThreads.TransferListItem[]): void {
      const m = message as { cmd?: string; urlOrBlob?: unknown } | null;
      if (m?.cmd === 'load' && m.urlOrBlob instanceof Blob) message = { ...m, urlOrBlob: files.glue };
      super.postMessage(message, transfer);
    }
  };
}

/** What an attempt to start the threaded build gave. */
export type ThreadedStart = { ok: true; threads: number } | { ok: false; reason: string };

/**
 * Initialises the 'wasm' backend as the threaded SIMD build with `threads` threads. On failure
 * (or after `timeoutMs`) it removes the half-started backend, re-registers the wasm factory,
 * restores the flags and returns the reason, so the caller can start the single-threaded build.
 */
export async function startThreadedWasm(threads: number, timeoutMs = 30_000): Promise<ThreadedStart> {
  const unavailable = threadedWasmUnavailable();
  if (unavailable) return { ok: false, reason: unavailable };
  const factory = tf.findBackendFactory('wasm');
  if (factory == null) return { ok: false, reason: "no 'wasm' backend is registered" };
  const env = tf.env();
  const flags = ['WASM_HAS_MULTITHREAD_SUPPORT', 'WASM_HAS_SIMD_SUPPORT'] as const;
  const previous = await Promise.all(flags.map(async (f) => [f, Boolean(await env.getAsync(f))] as const));

  const Worker = workerThreads.Worker;
  const cpus = os.cpus;
  let timer: NodeJS.Timeout | undefined;
  let outcome: ThreadedStart;
  try {
    const files = packageFiles();
    for (const f of flags) env.set(f, true);
    setThreadsCount(threads);
    (workerThreads as { Worker: typeof Worker }).Worker = pthreadWorkerClass(files);
    const cpu = cpus()[0]!;
    os.cpus = () => Array.from({ length: 2 * threads }, () => cpu);
    const timeout = new Promise<string>((resolve) => {
      // This timer also keeps the event loop alive while the pool's workers load.
      timer = setTimeout(() => resolve(`the threaded backend did not start within ${timeoutMs / 1000} s`), timeoutMs);
    });
    const init = tf.setBackend('wasm').then(
      (ok) => (ok ? null : 'the threaded wasm backend failed to initialise'),
      (err: unknown) => errorFirstLine(err),
    );
    const failure = await Promise.race([init, timeout]);
    outcome = failure === null ? { ok: true, threads: getThreadsCount() } : { ok: false, reason: failure };
  } catch (err) {
    outcome = { ok: false, reason: errorFirstLine(err) };
  } finally {
    clearTimeout(timer);
    (workerThreads as { Worker: typeof Worker }).Worker = Worker;
    os.cpus = cpus;
  }
  if (outcome.ok) {
    releaseIdleWorkers();
    return outcome;
  }
  // Undo: the factory is re-registered so the next setBackend('wasm') starts afresh.
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', factory, 2);
  for (const [f, value] of previous) env.set(f, value);
  for (const w of started) void w.terminate();
  started.clear();
  return outcome;
}

interface EmscriptenPThread {
  unusedWorkers: workerThreads.Worker[];
  runningWorkers: workerThreads.Worker[];
}

/** Terminates the pool's idle workers and unrefs the running ones (they must not keep Node alive). */
function releaseIdleWorkers(): void {
  const pthread = (tf.backend() as unknown as { wasm?: { PThread?: EmscriptenPThread } }).wasm?.PThread;
  if (pthread) {
    for (const w of pthread.unusedWorkers.splice(0)) void w.terminate();
    for (const w of pthread.runningWorkers) w.unref();
  }
  started.clear();
}
