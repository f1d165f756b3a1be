/**
 * Per-kernel time profile of one piece of tfjs work, for before/after comparisons of kernel
 * changes (e.g. the wasm matmul replacement). Wasm and cpu kernels run synchronously, so their
 * times are wall times of the kernel calls; time spent in a wrapped kernel's helpers (such as
 * the transposes inside the fast BatchMatMul) is counted under that kernel.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';

/** Total time and number of calls of one kernel inside the profiled function. */
export interface KernelTime {
  kernel: string;
  ms: number;
  calls: number;
}

/**
 * Runs `fn` under tf.profile and aggregates the kernel timings by kernel name, slowest first.
 * Tensors returned by `fn` are disposed. Kernels whose backend reports no timing (an error
 * object instead of a number) are counted with 0 ms.
 */
export async function profileKernels(
  fn: () => tf.TensorContainer | Promise<tf.TensorContainer>,
): Promise<KernelTime[]> {
  const info = await tf.profile(fn);
  tf.dispose(info.result);
  const byName = new Map<string, KernelTime>();
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const entry = byName.get(k.name) ?? { kernel: k.name, ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls += 1;
    byName.set(k.name, entry);
  }
  return [...byName.values()].sort((x, y) => y.ms - x.ms);
}

/** Formats a profile as aligned text lines (top `limit` kernels plus a total). */
export function formatProfile(profile: KernelTime[], limit = 12): string {
  const total = profile.reduce((sum, k) => sum + k.ms, 0);
  const lines = profile
    .slice(0, limit)
    .map((k) => `${k.kernel.padEnd(20)} ${k.ms.toFixed(2).padStart(8)} ms ${String(k.calls).padStart(5)} calls`);
  lines.push(`${'total (kernels)'.padEnd(20)} ${total.toFixed(2).padStart(8)} ms`);
  return lines.join('\n');
}
