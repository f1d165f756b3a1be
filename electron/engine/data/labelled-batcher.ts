/**
 * Batches that carry a fixed number of labelled rows each (semi-supervised training): the few
 * labelled examples are drawn from their own shuffled stream, so they are seen many times per pass
 * over the unlabelled ones, which fill the rest of each batch from theirs.
 *
 * Like `BatchSchedule`, a pure function of (rows, sizes, seed, step), so a resumed run sees the
 * batches an uninterrupted one would.
 */
import { createRng, deriveSeed, shuffleInPlace } from '../random/prng';

const LABELLED_TAG = 0x6c626174; // 'lbat'
const UNLABELLED_TAG = 0x75626174; // 'ubat'

/**
 * An endless sequence of `rows`, one shuffled permutation after another: position p is element
 * p mod n of permutation ⌊p / n⌋ (drawn from the seed, the tag and that number).
 */
class ShuffledStream {
  private cached = -1;
  private readonly permutation: Int32Array;

  constructor(private readonly rows: Int32Array, private readonly seed: number, private readonly tag: number) {
    this.permutation = new Int32Array(rows.length);
  }

  /** The `count` rows from position `start` on. */
  take(start: number, count: number, out: Int32Array, offset: number): void {
    const n = this.rows.length;
    for (let k = 0; k < count; k++) {
      const p = start + k;
      out[offset + k] = this.permutationOf(Math.floor(p / n))[p % n]!;
    }
  }

  private permutationOf(round: number): Int32Array {
    if (round !== this.cached) {
      this.permutation.set(this.rows);
      shuffleInPlace(this.permutation, createRng(deriveSeed(this.seed, this.tag, round)));
      this.cached = round;
    }
    return this.permutation;
  }
}

/** A batch schedule: the rows of each step, and the steps that make an epoch. */
export interface Schedule {
  readonly stepsPerEpoch: number;
  indicesAt(step: number): Int32Array;
}

/** Each batch: `labelledPerBatch` labelled rows, then `batchSize − labelledPerBatch` unlabelled ones. */
export class LabelledBatchSchedule implements Schedule {
  /** An epoch is one pass over the unlabelled rows. */
  readonly stepsPerEpoch: number;
  private readonly labelledStream: ShuffledStream;
  private readonly unlabelledStream: ShuffledStream;

  /**
   * @param labelled rows with a known label (at least `labelledPerBatch`)
   * @param unlabelled the other rows (at least one)
   * @throws RangeError naming what does not fit
   */
  constructor(labelled: Int32Array, unlabelled: Int32Array, readonly batchSize: number, readonly labelledPerBatch: number, seed: number) {
    if (!Number.isInteger(batchSize) || batchSize < 2) throw new RangeError(`a batch of labelled and unlabelled rows needs a batch size of at least 2, got ${String(batchSize)}`);
    if (!Number.isInteger(labelledPerBatch) || labelledPerBatch < 1 || labelledPerBatch >= batchSize) {
      throw new RangeError(`labelled rows per batch must be a whole number from 1 to ${batchSize - 1} (the batch size less one, to leave room for unlabelled rows), got ${String(labelledPerBatch)}`);
    }
    if (labelled.length < labelledPerBatch) throw new RangeError(`${labelledPerBatch} labelled rows per batch, but only ${labelled.length} examples are labelled`);
    if (unlabelled.length < 1) throw new RangeError('labelled rows per batch need unlabelled rows to fill the rest of each batch, and there are none');
    this.labelledStream = new ShuffledStream(labelled, seed, LABELLED_TAG);
    this.unlabelledStream = new ShuffledStream(unlabelled, seed, UNLABELLED_TAG);
    this.stepsPerEpoch = Math.ceil(unlabelled.length / (batchSize - labelledPerBatch));
  }

  indicesAt(step: number): Int32Array {
    if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`step must be a non-negative integer, got ${String(step)}`);
    const L = this.labelledPerBatch;
    const U = this.batchSize - L;
    const out = new Int32Array(this.batchSize);
    this.labelledStream.take(step * L, L, out, 0);
    this.unlabelledStream.take(step * U, U, out, L);
    return out;
  }
}
