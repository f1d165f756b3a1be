/**
 * Products with a mostly-zero left operand (simd/sparse-product.wat, through the wasm matmul
 * replacements) must give the float64 product to float32 accuracy, take the sparse path exactly
 * when the left operand is sparse enough, propagate NaN from it, give the cpu backend's gradients,
 * and leak nothing.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmFastMatMul } from '../../../../../electron/engine/kernels/wasm-transposed-matmul';
import { matMulTuning, SPARSE_MAX_DENSITY } from '../../../../../electron/engine/kernels/wasm-matmul-plan';
import { lastSparsePath } from '../../../../../electron/engine/kernels/wasm-sparse-matmul';

/** An LCG in [0, 1), independent of tfjs' generators. */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** rows × cols values, each nonzero with probability `density`: 1 when binary, else in [-3, 3). */
function sparseValues(rows: number, cols: number, density: number, seed: number, binary = true): Float32Array {
  const u = uniform(seed);
  return Float32Array.from({ length: rows * cols }, () => (u() < density ? (binary ? 1 : 6 * u() - 3) : 0));
}

function denseValues(n: number, seed: number): Float32Array {
  const u = uniform(seed);
  return Float32Array.from({ length: n }, () => 2 * u() - 1);
}

/** op(a)·b in float64; a stored rows × cols (op(a) = aᵀ when transposed), b as k × n. */
function reference(a: Float32Array, rows: number, cols: number, b: Float32Array, n: number, transposed: boolean): Float64Array {
  const [m, k] = transposed ? [cols, rows] : [rows, cols];
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      const v = transposed ? a[j * cols + i]! : a[i * cols + j]!;
      for (let c = 0; c < n; c++) out[i * n + c] = out[i * n + c]! + v * b[j * n + c]!;
    }
  }
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / (1 + Math.abs(expected[i]!)));
  expect(worst).toBeLessThan(tolerance);
}

beforeAll(async () => {
  registerWasmFastMatMul();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterEach(async () => {
  matMulTuning.sparseLeftOperand = true;
  await tf.setBackend('wasm');
});

// Odd sizes on purpose: 203 columns leave a group of 3 at each row's end, 53 outputs a SIMD tail of 1.
const [M, K, N] = [37, 203, 53];

describe('the sparse path matches the float64 product', () => {
  for (const transposed of [false, true]) {
    for (const binary of [true, false]) {
      it(`${transposed ? 'aᵀ·b' : 'a·b'} with ${binary ? 'binary' : 'real-valued'} a at 10% density`, () => {
        const [rows, cols] = transposed ? [K, M] : [M, K];
        const a = sparseValues(rows, cols, 0.1, 7, binary);
        const b = denseValues(K * N, 8);
        const out = tf.tidy(() => tf.matMul(tf.tensor2d(a, [rows, cols]), tf.tensor2d(b, [K, N]), transposed, false).dataSync());
        expect(lastSparsePath()).toBe('sparse');
        expectClose(out, reference(a, rows, cols, b, N, transposed));
      });
    }
  }

  it('an all-zero a gives zeros', () => {
    const out = tf.tidy(() => tf.matMul(tf.zeros([M, K]), tf.tensor2d(denseValues(K * N, 9), [K, N])).dataSync());
    expect(lastSparsePath()).toBe('sparse');
    expect(Array.from(out).every((v) => v === 0)).toBe(true);
  });

  it('a NaN in a makes its output row NaN (it counts as a nonzero), other rows unaffected', () => {
    const a = sparseValues(M, K, 0.05, 10);
    a[3 * K + 101] = NaN;
    const b = denseValues(K * N, 11);
    const out = tf.tidy(() => tf.matMul(tf.tensor2d(a, [M, K]), tf.tensor2d(b, [K, N])).dataSync());
    expect(lastSparsePath()).toBe('sparse');
    for (let i = 0; i < M; i++) {
      const row = Array.from(out.subarray(i * N, (i + 1) * N));
      expect(row.every(Number.isNaN)).toBe(i === 3);
      if (i !== 3) expect(row.some(Number.isNaN)).toBe(false);
    }
  });
});

describe('choosing the path', () => {
  it('a left operand denser than SPARSE_MAX_DENSITY takes the dense product, with the same result', () => {
    const a = sparseValues(M, K, Math.min(1, SPARSE_MAX_DENSITY + 0.15), 12);
    const b = denseValues(K * N, 13);
    const out = tf.tidy(() => tf.matMul(tf.tensor2d(a, [M, K]), tf.tensor2d(b, [K, N])).dataSync());
    expect(lastSparsePath()).toBe('dense');
    expectClose(out, reference(a, M, K, b, N, false));
  });

  it('matMulTuning.sparseLeftOperand = false keeps every product dense', () => {
    matMulTuning.sparseLeftOperand = false;
    tf.tidy(() => tf.matMul(tf.tensor2d(sparseValues(M, K, 0.5, 14), [M, K]), tf.tensor2d(denseValues(K * N, 15), [K, N])).dataSync());
    expect(lastSparsePath()).toBe('dense');
    const a = sparseValues(M, K, 0.05, 16);
    const b = denseValues(K * N, 17);
    const out = tf.tidy(() => tf.matMul(tf.tensor2d(a, [M, K]), tf.tensor2d(b, [K, N])).dataSync());
    expect(lastSparsePath()).toBe('dense'); // not reached: the previous call's path stands
    expectClose(out, reference(a, M, K, b, N, false));
  });
});

describe('fused products (bias and activation after the sparse product) match the cpu backend', () => {
  const run = (activation: tf.fused.Activation, withBias: boolean) => () =>
    tf.tidy(() =>
      tf.fused
        .matMul({
          a: tf.tensor2d(sparseValues(M, K, 0.1, 20), [M, K]),
          b: tf.tensor2d(denseValues(K * N, 21), [K, N]),
          ...(withBias ? { bias: tf.tensor1d(denseValues(N, 22)) } : {}),
          activation,
        })
        .dataSync(),
    );
  for (const activation of ['linear', 'relu', 'elu', 'sigmoid'] as const) {
    for (const withBias of [true, false]) {
      it(`${activation}, ${withBias ? 'with' : 'without'} a bias`, async () => {
        await tf.setBackend('cpu');
        const expected = run(activation, withBias)();
        await tf.setBackend('wasm');
        const actual = run(activation, withBias)();
        expect(lastSparsePath()).toBe('sparse');
        expectClose(actual, expected);
      });
    }
  }
});

describe('training through a sparse input', () => {
  it("a dense layer's gradients (x·W forward, xᵀ·dy for dW) match the cpu backend", async () => {
    const grads = () =>
      tf.tidy(() => {
        const x = tf.tensor2d(sparseValues(128, K, 0.13, 30), [128, K]);
        const w = tf.tensor2d(denseValues(K * N, 31), [K, N]);
        const bias = tf.tensor1d(denseValues(N, 32));
        const loss = (wv: tf.Tensor, bv: tf.Tensor): tf.Scalar =>
          tf.sum(tf.square(tf.tanh(tf.fused.matMul({ a: x, b: wv as tf.Tensor2D, bias: bv, activation: 'elu' }))));
        return tf.grads(loss as (...args: tf.Tensor[]) => tf.Tensor)([w, bias]).map((g) => Float32Array.from(g.dataSync()));
      });
    await tf.setBackend('cpu');
    const expected = grads();
    await tf.setBackend('wasm');
    const actual = grads();
    expect(lastSparsePath()).toBe('sparse'); // the last product is xᵀ·dy
    expectClose(actual[0]!, expected[0]!, 1e-4);
    expectClose(actual[1]!, expected[1]!, 1e-4);
  });

  it('leaks no tensors and no backend buffers over 100 forward and backward passes', () => {
    const x = tf.tensor2d(sparseValues(64, K, 0.1, 40), [64, K]);
    const w = tf.tensor2d(denseValues(K * N, 41), [K, N]);
    const step = () =>
      tf.tidy(() => {
        const g = tf.grad((wv: tf.Tensor) => tf.sum(tf.fused.matMul({ a: x, b: wv as tf.Tensor2D, bias: tf.ones([N]), activation: 'relu' })))(w);
        g.dataSync();
      });
    step();
    const before = tf.memory();
    const buffers = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    for (let i = 0; i < 100; i++) step();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(buffers);
    tf.dispose([x, w]);
  });
});
