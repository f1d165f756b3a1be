/**
 * How many threads the wasm backend starts with (no tfjs here, so the hosts that spawn engine
 * workers can decide without loading it).
 *
 * A process of its own (the CLI, a benchmark) takes every core. An engine worker inside the app
 * takes every core but one: the window (Chromium or Electron's renderer) and the server share the
 * machine, and XNNPACK's pool waits for its slowest thread, so one busy core slows every product.
 * Measured on the 2-core machine, the VAE template trained from the web UI: 29.1 steps/s with two
 * threads, 37.5 with one; the CLI alone 52.1 with two (`npm run bench:ui-speed`, README).
 *
 * @module
 */
import os from 'node:os';

/** Environment variable that sets the thread count (1 = the single-threaded build). */
export const THREADS_ENV = 'LATENT_STUDIO_WASM_THREADS';

/** At most this many threads: the products of the app's models stop gaining well before. */
const MAX_THREADS = 8;

function fromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[THREADS_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${THREADS_ENV} must be a whole number ≥ 1 (got '${raw}')`);
  return n;
}

/** Threads for this process: $LATENT_STUDIO_WASM_THREADS when set, else every logical core (at most 8). */
export function wantedWasmThreads(env: NodeJS.ProcessEnv = process.env): number {
  return fromEnv(env) ?? Math.min(MAX_THREADS, os.availableParallelism());
}

/** Threads for an engine worker beside the app's window: $LATENT_STUDIO_WASM_THREADS, else all cores but one. */
export function appWorkerThreads(env: NodeJS.ProcessEnv = process.env): number {
  return fromEnv(env) ?? Math.max(1, Math.min(MAX_THREADS, os.availableParallelism() - 1));
}
