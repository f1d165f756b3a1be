/**
 * Pure planning for the wasm matmul replacement (no tfjs here, so it can be unit-tested alone).
 *
 * Why a plan at all: the wasm backend's C++ BatchMatMul only reaches XNNPACK (≈15 GMAC/s on
 * this machine) when neither operand is transposed and both batch sizes are 1; every other
 * call runs a naive blocked loop (≈1 GMAC/s). So a transposed or batched product is rewritten
 * into untransposed, batch-1 XNNPACK calls, and the plan says which rewrite is cheapest.
 *
 * @module
 */

/** One BatchMatMul call, collapsed to rank 3 the way the wasm kernel does it. */
export interface MatMulGeometry {
  /** Product of a's outer (batch) dimensions. */
  batchA: number;
  /** Product of b's outer (batch) dimensions. */
  batchB: number;
  /** Rows of op(a). */
  m: number;
  /** Shared dimension. */
  k: number;
  /** Columns of op(b). */
  n: number;
  transposeA: boolean;
  transposeB: boolean;
}

/**
 * - `transpose-operands`: materialise op(a) and op(b), then multiply (the first experiment).
 * - `transpose-output`: compute op(b)ᵀ·op(a)ᵀ = (op(a)·op(b))ᵀ and transpose the result; this
 *   needs no operand transpose for the flagged operands, at the price of transposing the output.
 */
export type MatMulStrategy = 'transpose-operands' | 'transpose-output';

/**
 * How an untransposed product X [batchX, P, K] · Y [batchY, K, Q] is executed:
 * - `fold`: batchY is 1, so X's batch folds into rows: one XNNPACK call on [batchX·P, K].
 * - `loop`: one XNNPACK call per batch entry (copies of the slices; copies cost ~0.1 ns/element).
 * - `native`: hand the batched call to the original kernel (its slow loop), used only for
 *   products too small to amortise the per-call overhead of `loop`.
 */
export type GemmMode = 'fold' | 'loop' | 'native';

/**
 * Cost constants measured on the target machine (Node 20, wasm SIMD, 1 thread), in ns.
 * Transposes use the power-of-two-safe path in wasm-heap-ops.ts (0.4–1.2 ns/element).
 * XNNPACK re-packs the right operand ("weights") on every call with a new tensor (2.7–3 ns per
 * weight element), which is why the operand that becomes the weights matters.
 */
export const MATMUL_COSTS = {
  transposeNsPerElement: 0.6,
  packNsPerElement: 2.7,
  /** Per XNNPACK call in `loop` mode: slice copies, operator creation, JS overhead (~4.7 µs). */
  loopCallOverheadNs: 5_000,
  /** Slow-path loop vs XNNPACK, per multiply-accumulate (0.7 measured from 16³ to 128·400·64). */
  slowNsPerMac: 0.7,
  fastNsPerMac: 0.065,
};

/**
 * Above this many bytes of right operand ("weights", packed by XNNPACK), an untransposed batch-1
 * product is computed as (bᵀ·aᵀ)ᵀ when a is the smaller operand. XNNPACK's GEMM walks the rows of
 * a in blocks of a few and streams all the packed weights for each block, so weights larger than
 * the L2 cache (1 MiB per core here) come from L3 every time. Measured in the VAE's training step
 * (one thread, profiled, mean of 5 steps): [128, 784]·[784, 400] (1.25 MB of weights) 5.5 → 4.2 ms
 * and the fused [128, 400]·[400, 784] 4.7 → 4.25 ms, transposes (0.15 ms each) included; the whole
 * step, alternating blocks in one process: median 26.8 → 23.7 ms on two threads, within the noise
 * on one (32.2 / 32.9 ms).
 */
export const LARGE_WEIGHTS_BYTES = 512 * 1024;

/**
 * Whether an untransposed batch-1 product [m, k]·[k, n] should be computed as (bᵀ·aᵀ)ᵀ: its
 * weights (k·n floats) exceed LARGE_WEIGHTS_BYTES and a (m·k floats) is the smaller operand.
 */
export function preferTransposedProduct(m: number, k: number, n: number): boolean {
  return 4 * k * n > LARGE_WEIGHTS_BYTES && m * k < k * n;
}

/**
 * A product whose left operand has at most this fraction of nonzeros is computed by skipping its
 * zeros (simd/sparse-product.wat): each nonzero adds a scaled row of the right operand to a row of
 * the output. Measured on binarised MNIST (batch 128, 12.9% nonzero) on one thread: x·W₁ [128,
 * 784]·[784, 400] 6.3 → 0.9 ms and xᵀ·dy 4.0 → 1.0 ms; a nonzero costs ≈0.17 ns per output
 * column, against XNNPACK's 0.045–0.065 ns per multiply-accumulate, so the break-even density is
 * about 0.3 (two threads) to 0.4 (one); this bound keeps a margin. ReLU activations (≈50% zeros)
 * stay dense.
 */
export const SPARSE_MAX_DENSITY = 0.2;

/** Products smaller than this many multiply-accumulates are not worth counting the zeros of. */
export const SPARSE_MIN_MACS = 1 << 16;

/** Whether op(a) [m, k] · b [k, n] with `nonzeros` nonzeros in a should skip a's zeros. */
export function preferSparseProduct(m: number, k: number, n: number, nonzeros: number): boolean {
  return m * k * n >= SPARSE_MIN_MACS && nonzeros <= SPARSE_MAX_DENSITY * m * k;
}

/** Knobs for benchmarks and tests; production code leaves them at their defaults. */
export interface MatMulTuning {
  /** Force a strategy instead of the cost model. */
  strategy: 'auto' | MatMulStrategy;
  /** Force a batched mode for batch-vs-batch products instead of the cost model. */
  batchedMode: 'auto' | 'loop' | 'native';
  /** Compute large-weight plain products transposed (`preferTransposedProduct`); false = never. */
  transposeLargeWeights: boolean;
  /** Skip the zeros of a mostly-zero left operand (`preferSparseProduct`); false = never. */
  sparseLeftOperand: boolean;
}

/** The live tuning object read by the kernels (mutate it only in benchmarks/tests). */
export const matMulTuning: MatMulTuning = { strategy: 'auto', batchedMode: 'auto', transposeLargeWeights: true, sparseLeftOperand: true };

/**
 * Mode for X [batchX, p, k] · Y [batchY, k, q] with no transposes, or null when the batches
 * do not broadcast simply (then the caller keeps the original kernel).
 * `mustAvoidSlowPath` forces `loop` (the slow path mis-adds a fused bias, see the kernel file).
 */
export function chooseGemmMode(
  batchX: number,
  batchY: number,
  p: number,
  k: number,
  q: number,
  mustAvoidSlowPath: boolean,
): GemmMode | null {
  if (batchY === 1) return 'fold';
  if (batchX !== 1 && batchX !== batchY) return null;
  if (mustAvoidSlowPath) return 'loop';
  if (matMulTuning.batchedMode !== 'auto') return matMulTuning.batchedMode;
  const c = MATMUL_COSTS;
  const macs = p * k * q;
  const loopNs = c.loopCallOverheadNs + macs * c.fastNsPerMac + k * q * c.packNsPerElement;
  return loopNs < macs * c.slowNsPerMac ? 'loop' : 'native';
}

/** Estimated cost in ns of X·Y given its mode (transposes excluded). */
function gemmCostNs(batchX: number, batchY: number, p: number, k: number, q: number, mode: GemmMode): number {
  const c = MATMUL_COSTS;
  const batch = Math.max(batchX, batchY);
  const macs = batch * p * k * q;
  if (mode === 'native') return macs * c.slowNsPerMac;
  const calls = mode === 'fold' ? 1 : batch;
  const loop = mode === 'loop' ? batch * c.loopCallOverheadNs : 0;
  return macs * c.fastNsPerMac + calls * k * q * c.packNsPerElement + loop;
}

/** Estimated cost in ns of a strategy, or Infinity when it cannot run (unsupported broadcast). */
export function estimateCostNs(g: MatMulGeometry, strategy: MatMulStrategy, mustAvoidSlowPath = false): number {
  const t = MATMUL_COSTS.transposeNsPerElement;
  const sizeA = g.batchA * g.m * g.k;
  const sizeB = g.batchB * g.k * g.n;
  if (strategy === 'transpose-operands') {
    const mode = chooseGemmMode(g.batchA, g.batchB, g.m, g.k, g.n, mustAvoidSlowPath);
    if (mode === null) return Infinity;
    const transposed = (g.transposeA ? sizeA : 0) + (g.transposeB ? sizeB : 0);
    return transposed * t + gemmCostNs(g.batchA, g.batchB, g.m, g.k, g.n, mode);
  }
  // op(b)ᵀ [batchB, n, k] · op(a)ᵀ [batchA, k, m] = outᵀ [batch, n, m], then one transpose.
  const mode = chooseGemmMode(g.batchB, g.batchA, g.n, g.k, g.m, mustAvoidSlowPath);
  if (mode === null) return Infinity;
  const sizeOut = Math.max(g.batchA, g.batchB) * g.m * g.n;
  const transposed = (g.transposeA ? 0 : sizeA) + (g.transposeB ? 0 : sizeB) + sizeOut;
  return transposed * t + gemmCostNs(g.batchB, g.batchA, g.n, g.k, g.m, mode);
}

/**
 * Picks the cheaper strategy for one call. `allowOutputTranspose` is false for fused calls
 * with a bias or PReLU weights: those are laid out along the output's last axis, so the
 * product cannot be computed transposed.
 */
export function chooseStrategy(
  g: MatMulGeometry,
  allowOutputTranspose: boolean,
  mustAvoidSlowPath = false,
): MatMulStrategy | null {
  const operands = estimateCostNs(g, 'transpose-operands', mustAvoidSlowPath);
  const output = allowOutputTranspose ? estimateCostNs(g, 'transpose-output', mustAvoidSlowPath) : Infinity;
  if (matMulTuning.strategy !== 'auto') {
    const forced = matMulTuning.strategy === 'transpose-output' ? output : operands;
    if (Number.isFinite(forced)) return matMulTuning.strategy;
  }
  if (!Number.isFinite(operands) && !Number.isFinite(output)) return null;
  return output < operands ? 'transpose-output' : 'transpose-operands';
}
