/**
 * The order in which training visits the data: shuffled epochs of mini-batches, like PyTorch's
 * `DataLoader(shuffle=True, drop_last=False)`.
 *
 * The schedule is a pure function of (length, batch size, seed): epoch e is the permutation drawn
 * from `deriveSeed(seed, TAG, e)`, and step s is batch (s mod stepsPerEpoch) of epoch
 * ⌊s / stepsPerEpoch⌋. So a run resumed from a checkpoint at step s sees exactly the batches it
 * would have seen had it never stopped, with no sampler state to save.
 */
import { createRng, deriveSeed, shuffleInPlace } from '../random/prng';

/** Its own random stream, so batch order is unrelated to other uses of the run seed (e.g. `deriveSeed(seed, step)`). */
const BATCH_TAG = 0x62617463; // 'batc'

/** Where a step falls in the schedule. */
export interface StepPosition {
  readonly epoch: number;
  /** The batch within the epoch, 0..stepsPerEpoch−1. */
  readonly batch: number;
}

/**
 * A resumable shuffled batch schedule.
 *
 * Keeps the permutation of the epoch last asked about, so sequential access costs O(batch size)
 * per step and O(length) once per epoch; jumping to any step costs one O(length) permutation.
 */
export class BatchSchedule {
  /** Batches per epoch: ⌈length / batchSize⌉; the last one is smaller when batchSize does not divide length. */
  readonly stepsPerEpoch: number;
  private cachedEpoch = -1;
  private permutation: Int32Array;

  /**
   * @param length rows in the data set (≥ 1)
   * @param batchSize rows per batch (≥ 1; larger than `length` gives one batch of all rows)
   * @param seed any safe integer
   * @throws RangeError for invalid arguments
   */
  constructor(
    readonly length: number,
    readonly batchSize: number,
    readonly seed: number,
  ) {
    if (!Number.isInteger(length) || length < 1) throw new RangeError(`batch schedule length must be a positive integer, got ${String(length)}`);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${String(batchSize)}`);
    if (!Number.isSafeInteger(seed)) throw new RangeError(`batch schedule seed must be a safe integer, got ${String(seed)}`);
    this.stepsPerEpoch = Math.ceil(length / batchSize);
    this.permutation = new Int32Array(length);
  }

  /** The epoch and batch of a step (steps count from 0 across epochs). */
  positionOf(step: number): StepPosition {
    if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`step must be a non-negative integer, got ${String(step)}`);
    return { epoch: Math.floor(step / this.stepsPerEpoch), batch: step % this.stepsPerEpoch };
  }

  /** The number of rows in the batch of `step`: `batchSize`, or fewer for an epoch's last batch. */
  sizeAt(step: number): number {
    const { batch } = this.positionOf(step);
    return Math.min(this.batchSize, this.length - batch * this.batchSize);
  }

  /**
   * The row indices of the batch at `step` (a fresh array the caller may keep or modify).
   * Over the steps of one epoch every row appears exactly once.
   */
  indicesAt(step: number): Int32Array {
    const { epoch, batch } = this.positionOf(step);
    const perm = this.epochPermutation(epoch);
    const start = batch * this.batchSize;
    return perm.slice(start, Math.min(start + this.batchSize, this.length));
  }

  private epochPermutation(epoch: number): Int32Array {
    if (epoch !== this.cachedEpoch) {
      const perm = this.permutation;
      for (let i = 0; i < perm.length; i++) perm[i] = i;
      shuffleInPlace(perm, createRng(deriveSeed(this.seed, BATCH_TAG, epoch)));
      this.cachedEpoch = epoch;
    }
    return this.permutation;
  }
}
