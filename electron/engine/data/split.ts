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
  const { fraction, seed } = options;
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`held-out fraction must be strictly between 0 and 1, got ${String(fraction)}`);
  if (ds.length < 2) throw new RangeError(`cannot split '${ds.name}' with ${ds.length} row${ds.length === 1 ? '' : 's'}: need at least 2`);
  const n = ds.length;
  const nHeld = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, createRng(deriveSeed(seed, SPLIT_TAG)));
  const held = order.slice(0, nHeld).sort();
  const train = order.slice(nHeld).sort();
  return {
    train: { ...subset(ds, train), name: `${ds.name} (train)` },
    heldOut: { ...subset(ds, held), name: `${ds.name} (held out)` },
  };
}
