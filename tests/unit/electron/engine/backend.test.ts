/** initBackend: explicit choices, the auto fallback, and a clear error for a missing tfjs-node. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../electron/engine/backend';
import { isWasmFastMatMulRegistered } from '../../../../electron/engine/kernels/wasm-transposed-matmul';

const hasTfjsNode = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

describe('initBackend', () => {
  it("selects 'cpu', idempotently", async () => {
    expect(await initBackend('cpu')).toEqual({ name: 'cpu' });
    expect(await initBackend('cpu')).toEqual({ name: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it("selects 'wasm' with the fast matmul kernels, idempotently", async () => {
    const info = await initBackend('wasm');
    expect(info.name).toBe('wasm');
    expect(info.note).toMatch(/fast transposed-matmul/);
    expect(await initBackend('wasm')).toEqual(info);
    expect(tf.getBackend()).toBe('wasm');
    expect(isWasmFastMatMulRegistered()).toBe(true);
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]]), true, false));
    expect(Array.from(product.dataSync())).toEqual([26, 30, 38, 44]);
    product.dispose();
  });

  it.skipIf(hasTfjsNode)("throws a clear error for 'tensorflow' when tfjs-node is absent", async () => {
    await initBackend('cpu');
    const error = await initBackend('tensorflow').then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(/Cannot use the 'tensorflow' backend/);
    expect(error!.message).toMatch(/@tensorflow\/tfjs-node could not be loaded/);
    expect(error!.message).toMatch(/Available here: wasm, cpu/);
    // The failed attempt leaves the previous backend selected.
    expect(tf.getBackend()).toBe('cpu');
  });

  it.skipIf(hasTfjsNode)("'auto' falls back to wasm and says why", async () => {
    const info = await initBackend('auto');
    expect(info.name).toBe('wasm');
    expect(info.note).toMatch(/tensorflow unavailable: @tensorflow\/tfjs-node could not be loaded/);
    expect((await initBackend()).name).toBe('wasm');
  });

  it.runIf(hasTfjsNode)("selects 'tensorflow' when tfjs-node is installed", async () => {
    expect((await initBackend('tensorflow')).name).toBe('tensorflow');
    expect((await initBackend('auto')).name).toBe('tensorflow');
  });
});
