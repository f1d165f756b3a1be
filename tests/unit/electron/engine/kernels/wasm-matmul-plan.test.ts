/** The matmul planner's decisions, which the kernel relies on for correctness as well as speed. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  chooseGemmMode,
  chooseStrategy,
  estimateCostNs,
  matMulTuning,
  preferSparseProduct,
  preferTransposedProduct,
  SPARSE_MAX_DENSITY,
  SPARSE_MIN_MACS,
} from '../../../../../electron/engine/kernels/wasm-matmul-plan';

afterEach(() => {
  matMulTuning.strategy = 'auto';
  matMulTuning.batchedMode = 'auto';
});

describe('chooseGemmMode', () => {
  it('folds a batch-1 right operand into rows', () => {
    expect(chooseGemmMode(10, 1, 128, 400, 784, false)).toBe('fold');
    expect(chooseGemmMode(1, 1, 128, 400, 784, false)).toBe('fold');
  });
  it('loops large batched products and leaves tiny ones to the original kernel', () => {
    expect(chooseGemmMode(10, 10, 128, 400, 64, false)).toBe('loop');
    expect(chooseGemmMode(100, 100, 8, 8, 8, false)).toBe('native');
  });
  it('always loops when the slow path must be avoided (fused bias)', () => {
    expect(chooseGemmMode(100, 100, 8, 8, 8, true)).toBe('loop');
  });
  it('rejects batches that do not broadcast as flat batches', () => {
    expect(chooseGemmMode(2, 3, 4, 4, 4, false)).toBeNull();
  });
  it('obeys a forced batched mode', () => {
    matMulTuning.batchedMode = 'native';
    expect(chooseGemmMode(10, 10, 128, 400, 64, false)).toBe('native');
  });
});

describe('chooseStrategy', () => {
  const g = (m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, batchA = 1, batchB = 1) => ({
    batchA, batchB, m, k, n, transposeA, transposeB,
  });
  it('computes aᵀ·bᵀ as (b·a)ᵀ: one output transpose instead of two operand transposes', () => {
    expect(chooseStrategy(g(128, 784, 400, true, true), true)).toBe('transpose-output');
  });
  it('never transposes the output when a bias or PReLU weights forbid it', () => {
    expect(chooseStrategy(g(128, 784, 400, true, true), false)).toBe('transpose-operands');
  });
  it('prefers the strategy whose weights operand is folded over one that loops', () => {
    // a has batch 1, b has batch 10: only the transposed-output form folds.
    expect(chooseStrategy(g(128, 400, 784, false, false, 1, 10), true)).toBe('transpose-output');
  });
  it('costs an impossible broadcast as Infinity and returns null when nothing applies', () => {
    expect(estimateCostNs(g(4, 4, 4, false, false, 2, 3), 'transpose-operands')).toBe(Infinity);
    expect(chooseStrategy(g(4, 4, 4, false, false, 2, 3), true)).toBeNull();
  });
  it('obeys a forced strategy when it can run', () => {
    matMulTuning.strategy = 'transpose-operands';
    expect(chooseStrategy(g(128, 784, 400, true, true), true)).toBe('transpose-operands');
  });
});

describe('preferSparseProduct', () => {
  it('takes a left operand with at most SPARSE_MAX_DENSITY nonzeros, not one more', () => {
    const limit = Math.floor(SPARSE_MAX_DENSITY * 128 * 784);
    expect(preferSparseProduct(128, 784, 400, Math.round(0.129 * 128 * 784))).toBe(true); // binarised MNIST
    expect(preferSparseProduct(128, 784, 400, limit)).toBe(true);
    expect(preferSparseProduct(128, 784, 400, limit + 1)).toBe(false);
    expect(preferSparseProduct(128, 400, 784, 0.5 * 128 * 400)).toBe(false); // ReLU activations
  });
  it('leaves products below SPARSE_MIN_MACS dense, however sparse', () => {
    expect(preferSparseProduct(8, 16, 16, 0)).toBe(false);
    expect(8 * 16 * 16).toBeLessThan(SPARSE_MIN_MACS);
    expect(preferSparseProduct(64, 64, 16, 0)).toBe(true);
  });
});

describe('preferTransposedProduct', () => {
  it("transposes a plain product whose weights outgrow the cache, when the other operand is smaller", () => {
    // The VAE's encoder and decoder layers: 1.25 MB of weights against a 400 KB / 200 KB batch.
    expect(preferTransposedProduct(128, 784, 400)).toBe(true);
    expect(preferTransposedProduct(128, 400, 784)).toBe(true);
  });
  it('leaves small weights, and batches larger than the weights, as they are', () => {
    expect(preferTransposedProduct(128, 400, 40)).toBe(false); // 64 KB of weights
    expect(preferTransposedProduct(784, 128, 400)).toBe(false); // 200 KB
    expect(preferTransposedProduct(1000, 784, 400)).toBe(false); // a bigger than b
  });
});
