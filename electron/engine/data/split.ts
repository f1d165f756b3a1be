/**
 * The held-out split: a seeded random part of a data set kept out of training to measure how
 * well the model generalises (the held-out ELBO).
 */
import { createRng, deriveSeed, shuffleInPlace } from '../random/prng';
import { subset, type Dataset } from './dataset';

/** Options of `splitHeldOut`. */
export interface SplitOptions {
  /** The share of rows held out, strictly between 0 and 1. */
  readonly fraction: number;
  readonly seed: number;
}

/** Its own random stream, so the split is unrelated to a synthetic data set or batch order given the same seed. */
const SPLIT_TAG = 0x73706c74; // 'splt'

/**
 * Splits `ds` at random (the result is a `DataSplits`, typed more precisely to keep `ds`'s extra fields) into a training part and a held-out part of `round(length · fraction)`
 * rows, clamped to 1..length−1 so that neither part is ever empty. The split is a pure function
 * of (length, fraction, seed). Within each part rows keep their original relative order (the
 * batcher shuffles anyway, and ordered rows are easier to inspect).
 *
 * @throws RangeError for a fraction outside (0, 1), a data set of fewer than 2 rows, or a seed that is not a safe integer
 */
export function splitHeldOut<D extends Dataset>(ds: D, options: SplitOptions): { readonly train: D; readonly heldOut: D } {
  if (ds.length < 2) throw new RangeError(`cannot split '${ds.name}' with ${ds.length} row${ds.length === 1 ? '' : 's'}: need at least 2`);
  const { train, heldOut } = heldOutRows(ds.length, options);
  return {
    train: { ...subset(ds, train), name: `${ds.name} (train)` },
    heldOut: { ...subset(ds, heldOut), name: `${ds.name} (held out)` },
  };
}

/**
 * The rows `splitHeldOut` puts in each part, each list in increasing order: for loaders that must
 * know the split before they build their columns (a text corpus's vocabulary comes from its
 * training lines only).
 *
 * @throws RangeError as splitHeldOut
 */
export function heldOutRows(n: number, options: SplitOptions): { readonly train: Int32Array; readonly heldOut: Int32Array } {
  const { fraction, seed } = options;
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`held-out fraction must be strictly between 0 and 1, got ${String(fraction)}`);
  if (n < 2) throw new RangeError(`cannot split ${n} row${n === 1 ? '' : 's'}: need at least 2`);
  const nHeld = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, createRng(deriveSeed(seed, SPLIT_TAG)));
  return { heldOut: order.slice(0, nHeld).sort(), train: order.slice(nHeld).sort() };
}
