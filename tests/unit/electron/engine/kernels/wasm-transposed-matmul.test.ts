/**
 * The fast wasm matmul kernels must give the cpu backend's numbers (float32 tolerance) on every
 * path they take: transposed operands or output, folded / looped / native batches, fused bias,
 * gradients; and must not leak backend memory.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  isWasmFastMatMulRegistered,
  registerWasmFastMatMul,
  unregisterWasmFastMatMul,
} from '../../../../../electron/engine/kernels/wasm-transposed-matmul';
import { matMulTuning } from '../../../../../electron/engine/kernels/wasm-matmul-plan';

/** Deterministic values in [-1, 1) (an LCG; no dependence on tfjs' generators). */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

const size = (shape: number[]) => shape.reduce((x, y) => x * y, 1);
const tensor = (shape: number[], seed: number) => tf.tensor(values(size(shape), seed), shape);

/** Runs `fn` on a backend and returns copies of the resulting values. */
async function on(backend: string, fn: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => [fn()].flat().map((t) => Float32Array.from(t.dataSync())));
}

function expectClose(actual: Float32Array[], expected: Float32Array[]): void {
  expect(actual.map((a) => a.length)).toEqual(expected.map((e) => e.length));
  actual.forEach((a, t) => {
    let worst = 0;
    a.forEach((v, i) => {
      const e = expected[t]![i]!;
      worst = Math.max(worst, Math.abs(v - e) / (1 + Math.abs(e)));
    });
    expect(worst).toBeLessThan(1e-4);
  });
}

/** Compares fn on wasm (fast kernels) against the cpu backend. */
async function compare(fn: () => tf.Tensor | tf.Tensor[]): Promise<void> {
  const expected = await on('cpu', fn);
  const actual = await on('wasm', fn);
  expectClose(actual, expected);
}

/** Shape of an operand stored transposed when its flag is set. */
const stored = (batch: number[], rows: number, cols: number, transposed: boolean) =>
  [...batch, ...(transposed ? [cols, rows] : [rows, cols])];

const FLAGS = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

beforeAll(async () => {
  // Registered before the wasm backend initialises, as initBackend does.
  registerWasmFastMatMul();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterEach(() => {
  matMulTuning.strategy = 'auto';
  matMulTuning.batchedMode = 'auto';
  matMulTuning.transposeLargeWeights = true;
  registerWasmFastMatMul();
});

describe('registration', () => {
  it('is idempotent and reversible', () => {
    const fast = tf.getKernel('BatchMatMul', 'wasm').kernelFunc;
    expect(isWasmFastMatMulRegistered()).toBe(true);
    expect(registerWasmFastMatMul()).toBe(false);
    expect(tf.getKernel('BatchMatMul', 'wasm').kernelFunc).toBe(fast);
    expect(unregisterWasmFastMatMul()).toBe(true);
    expect(isWasmFastMatMulRegistered()).toBe(false);
    expect(unregisterWasmFastMatMul()).toBe(false);
    expect(registerWasmFastMatMul()).toBe(true);
    expect(isWasmFastMatMulRegistered()).toBe(true);
  });

  it('works when registered after the wasm backend initialised', async () => {
    unregisterWasmFastMatMul();
    registerWasmFastMatMul();
    await compare(() => tf.matMul(tensor([128, 9], 1), tensor([7, 9], 2), false, true));
  });
});

describe('rank 2 matches the cpu backend', () => {
  const shapes = [
    [5, 7, 3],
    [128, 40, 24], // 128 rows: the transposes take the power-of-two-safe path
    [20, 128, 33],
    [1, 6, 1],
  ] as const;
  for (const strategy of ['auto', 'transpose-operands', 'transpose-output'] as const) {
    for (const [m, k, n] of shapes) {
      for (const [ta, tb] of FLAGS) {
        it(`${strategy} m=${m} k=${k} n=${n} transposeA=${ta} transposeB=${tb}`, async () => {
          matMulTuning.strategy = strategy;
          await compare(() => tf.matMul(tensor(stored([], m, k, ta), 11), tensor(stored([], k, n, tb), 12), ta, tb));
        });
      }
    }
  }
});

describe('rank 3 (batched, broadcasting a batch-1 operand) matches the cpu backend', () => {
  const batches = [
    [3, 3],
    [3, 1],
    [1, 3],
  ] as const;
  for (const mode of ['auto', 'loop', 'native'] as const) {
    for (const [ba, bb] of batches) {
      for (const [ta, tb] of FLAGS) {
        it(`${mode} batchA=${ba} batchB=${bb} transposeA=${ta} transposeB=${tb}`, async () => {
          matMulTuning.batchedMode = mode;
          const [m, k, n] = [128, 17, 10];
          await compare(() =>
            tf.matMul(tensor(stored([ba], m, k, ta), 21), tensor(stored([bb], k, n, tb), 22), ta, tb),
          );
        });
      }
    }
  }

  it('rank 4 with two outer dimensions', async () => {
    for (const [ta, tb] of FLAGS) {
      await compare(() => tf.matMul(tensor(stored([2, 3], 6, 5, ta), 31), tensor(stored([2, 3], 5, 4, tb), 32), ta, tb));
    }
  });
});

describe('fused matMul (bias + activation) matches the cpu backend', () => {
  // Plain tfjs-backend-wasm 4.22 adds bias[n-1] to every row after the first on these paths.
  for (const [ba, bb] of [[0, 0], [3, 3], [3, 1], [1, 3]] as const) {
    for (const [ta, tb] of FLAGS) {
      it(`batchA=${ba || '-'} batchB=${bb || '-'} transposeA=${ta} transposeB=${tb}`, async () => {
        const [m, k, n] = [12, 9, 7];
        const batchA = ba ? [ba] : [];
        const batchB = bb ? [bb] : [];
        await compare(() =>
          tf.fused.matMul({
            a: tensor(stored(batchA, m, k, ta), 41),
            b: tensor(stored(batchB, k, n, tb), 42),
            transposeA: ta,
            transposeB: tb,
            bias: tensor([n], 43),
            activation: 'relu',
          }),
        );
      });
    }
  }
});

describe('plain products with large weights, computed as (bᵀ·aᵀ)ᵀ, match the cpu backend', () => {
  // [64, 700]·[700, 300]: 840 KB of weights, above LARGE_WEIGHTS_BYTES, so this path runs.
  const [m, k, n] = [64, 700, 300];
  it('matMul', async () => compare(() => tf.matMul(tensor([m, k], 81), tensor([k, n], 82))));
  for (const activation of ['linear', 'relu', 'elu', 'sigmoid'] as const) {
    it(`fused matMul with a bias and ${activation}`, async () =>
      compare(() => tf.fused.matMul({ a: tensor([m, k], 83) as tf.Tensor2D, b: tensor([k, n], 84) as tf.Tensor2D, bias: tensor([n], 85), activation })));
  }
  it('fused matMul without a bias, and with leakyrelu (left to the original kernel)', async () => {
    await compare(() => tf.fused.matMul({ a: tensor([m, k], 86) as tf.Tensor2D, b: tensor([k, n], 87) as tf.Tensor2D, activation: 'relu' }));
    await compare(() => tf.fused.matMul({ a: tensor([m, k], 88) as tf.Tensor2D, b: tensor([k, n], 89) as tf.Tensor2D, bias: tensor([n], 90), activation: 'leakyrelu', leakyreluAlpha: 0.1 }));
  });
});

describe('gradients of a small dense network match the cpu backend', () => {
  const net = (fused: boolean) => () => {
    const x = tensor([128, 13], 51);
    const params = [tensor([13, 16], 52), tensor([16], 53), tensor([16, 5], 54), tensor([5], 55)];
    const loss = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor): tf.Scalar => {
      const h = fused
        ? tf.fused.matMul({ a: x as tf.Tensor2D, b: w1 as tf.Tensor2D, bias: b1, activation: 'linear' })
        : tf.add(tf.matMul(x, w1), b1);
      const y = tf.add(tf.matMul(tf.relu(h), w2), b2);
      return tf.sum(tf.square(tf.tanh(y)));
    };
    return tf.grads(loss as (...args: tf.Tensor[]) => tf.Tensor)([...params]);
  };
  it('with tf.matMul + tf.add', async () => compare(net(false)));
  it('with tf.fused.matMul', async () => compare(net(true)));
  it('of x as well as the weights (dx = dy·Wᵀ)', async () =>
    compare(() => tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, tensor([30, 8], 62)))))(tensor([128, 30], 61))));
});

describe('memory', () => {
  it('keeps tensors, bytes and backend buffers flat across 100 calls on every path', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const a = tensor([128, 40], 71);
    const b = tensor([24, 40], 72);
    const aT = tensor([40, 128], 76);
    const a3 = tensor([3, 17, 128], 73);
    const b3 = tensor([3, 17, 10], 74);
    const bias = tensor([24], 75);
    const big = tensor([64, 700], 77);
    const bigW = tensor([700, 300], 78);
    const bigBias = tensor([300], 79);
    const work = () =>
      tf.tidy(() => {
        tf.matMul(a, b, false, true).dataSync();
        tf.matMul(aT, b, true, true).dataSync();
        tf.matMul(a3, b3, true, false).dataSync();
        tf.matMul(a3, tf.slice(b3, 0, 1), true, false).dataSync();
        tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, transposeB: true, bias }).dataSync();
        tf.grad((w: tf.Tensor) => tf.sum(tf.matMul(a, w, false, true)))(b).dataSync();
        tf.matMul(big, bigW).dataSync();
        tf.fused.matMul({ a: big as tf.Tensor2D, b: bigW as tf.Tensor2D, bias: bigBias, activation: 'relu' }).dataSync();
      });
    for (const strategy of ['transpose-operands', 'transpose-output'] as const) {
      for (const mode of ['loop', 'native'] as const) {
        matMulTuning.strategy = strategy;
        matMulTuning.batchedMode = mode;
        work();
        const before = { ...tf.memory(), ids: backend.numDataIds() };
        for (let i = 0; i < 100; i++) work();
        const after = { ...tf.memory(), ids: backend.numDataIds() };
        expect(after.numTensors).toBe(before.numTensors);
        expect(after.numBytes).toBe(before.numBytes);
        expect(after.ids).toBe(before.ids);
      }
    }
    tf.dispose([a, b, aT, a3, b3, bias, big, bigW, bigBias]);
  });
});
