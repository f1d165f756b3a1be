/**
 * The threaded wasm build (kernels/wasm-threads.ts): it starts with the wanted thread count, its
 * products agree with the cpu backend, training gives bit-identical weights with one thread and
 * with two (XNNPACK splits the output, not the sums), a threaded process exits by itself, and a
 * failed start leaves the single-threaded build usable. Each case is a child process because a
 * process starts the wasm backend once.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { availableParallelism } from 'node:os';
import { PATCHED_VERSION } from '../../../../../electron/engine/kernels/wasm-threads';
import { THREADS_ENV, appWorkerThreads, wantedWasmThreads } from '../../../../../electron/engine/kernels/wasm-thread-count';

const child = fileURLToPath(new URL('../../../../helpers/wasm-threads-child.ts', import.meta.url));

interface ChildReport {
  note: string;
  threads: number;
  fallback: { ok: boolean; reason?: string } | null;
  productError: number;
  elbo: number;
  weights: string;
}

function runChild(threads: string, ...args: string[]): ChildReport {
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, '12', ...args], {
    encoding: 'utf8',
    // The child must exit by itself: a pool worker left referenced would hold it until this kill.
    timeout: 90_000,
    env: { ...process.env, [THREADS_ENV]: threads },
  });
  if (r.status !== 0) throw new Error(`child (threads ${threads}) exited with ${r.status ?? r.signal}: ${r.stderr}`);
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`child printed no report: ${r.stdout}\n${r.stderr}`);
  return JSON.parse(line) as ChildReport;
}

describe('threaded wasm backend', () => {
  it(`is pinned to tfjs-backend-wasm ${PATCHED_VERSION}: an upgrade must re-check the patch (see the module's header)`, () => {
    expect(version_wasm).toBe(PATCHED_VERSION);
  });

  it('reads the thread count from the environment, else uses the cores (all but one in an app worker)', () => {
    expect(wantedWasmThreads({ [THREADS_ENV]: '3' })).toBe(3);
    expect(appWorkerThreads({ [THREADS_ENV]: '3' })).toBe(3);
    expect(wantedWasmThreads({})).toBe(Math.min(8, availableParallelism()));
    expect(appWorkerThreads({})).toBe(Math.max(1, Math.min(8, availableParallelism() - 1)));
    expect(() => appWorkerThreads({ [THREADS_ENV]: '-1' })).toThrow(THREADS_ENV);
    expect(() => wantedWasmThreads({ [THREADS_ENV]: '0' })).toThrow(/whole number ≥ 1 \(got '0'\)/);
    expect(() => wantedWasmThreads({ [THREADS_ENV]: 'two' })).toThrow(THREADS_ENV);
  });

  it('runs two threads, agrees with the cpu backend, and trains exactly as one thread does', () => {
    const two = runChild('2');
    const one = runChild('1');
    expect(two.note).toMatch(/2 threads/);
    expect(two.threads).toBe(2);
    expect(one.note).toMatch(/single-threaded/);
    expect(one.threads).toBe(1);
    // float32 sums of 784 or 128 products in another order than the cpu backend's.
    expect(two.productError).toBeLessThan(1e-4);
    expect(Number.isFinite(two.elbo)).toBe(true);
    expect(two.weights).toBe(one.weights);
    expect(runChild('2').weights).toBe(two.weights);
  }, 240_000);

  it('leaves the single-threaded build startable after a failed start', () => {
    const r = runChild('2', '--fail-start');
    expect(r.fallback).toEqual({ ok: false, reason: 'the threaded backend did not start within 0.001 s' });
    expect(r.note).toBe('true');
    expect(r.threads).toBe(1);
    expect(r.productError).toBeLessThan(1e-4);
  }, 120_000);
});
