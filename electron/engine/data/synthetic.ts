/**
 * Small seeded 2-D data sets for quick experiments and tests: the same options always give the
 * same data, bit for bit.
 *
 * Each generator draws from its own stream, `createRng(deriveSeed(seed, TAG))`, so that the
 * same user seed given to a generator and to the held-out split or batch order yields unrelated
 * random numbers rather than the same stream reused.
 */
import { createRng, deriveSeed, shuffleInPlace, type Rng } from '../random/prng';
import { createDataset, type Dataset } from './dataset';

/** Options of `twoMoons`. */
export interface TwoMoonsOptions {
  /** Number of points (the outer moon gets ⌊n/2⌋, the inner one the rest). */
  readonly n: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  readonly noise: number;
  readonly seed: number;
}

/** Options of `gaussianMixture`. */
export interface GaussianMixtureOptions {
  /** Number of points, spread as evenly as possible over the components. */
  readonly n: number;
  /** Number of components, centred at equal angles on a circle around the origin. */
  readonly components: number;
  /** Standard deviation of each (isotropic) component. */
  readonly std: number;
  /** Radius of the circle the component centres lie on. */
  readonly radius: number;
  readonly seed: number;
}

const TWO_MOONS_TAG = 0x6d6f6f6e; // 'moon'
const GAUSSIAN_MIXTURE_TAG = 0x676d6978; // 'gmix'

function requirePositiveInteger(x: number, what: string): void {
  if (!Number.isInteger(x) || x < 1) throw new RangeError(`${what} must be a positive integer, got ${String(x)}`);
}

function requireNonNegative(x: number, what: string): void {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${String(x)}`);
}

/**
 * Builds the data set from per-row generators, in a shuffled row order: generators naturally emit
 * rows grouped by class, and a class-sorted data set would bias anything that takes its first rows.
 */
function shuffledDataset(name: string, n: number, categories: number, rng: Rng, row: (i: number, out: Float32Array, at: number) => number): Dataset {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, rng);
  const x = new Float32Array(2 * n);
  const label = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const k = order[i] as number;
    label[k] = row(i, x, 2 * k);
  }
  return createDataset(name, n, {
    x: { size: 2, domain: 'real', values: x },
    label: { size: 1, domain: 'index', categories, values: label },
  });
}

/**
 * Two interleaving half circles, as scikit-learn's `make_moons`: the outer moon (label 0) is
 * (cos t, sin t) and the inner one (label 1) is (1 − cos t, 0.5 − sin t), for t evenly spaced in
 * [0, π], plus Gaussian noise of standard deviation `noise`. Rows are in a seeded random order.
 *
 * @throws RangeError for a non-positive or non-integer `n`, a negative `noise`, or a seed that is not a safe integer
 */
export function twoMoons(options: TwoMoonsOptions): Dataset {
  const { n, noise, seed } = options;
  requirePositiveInteger(n, 'twoMoons n');
  requireNonNegative(noise, 'twoMoons noise');
  const rng = createRng(deriveSeed(seed, TWO_MOONS_TAG));
  const nOuter = Math.floor(n / 2);
  const nInner = n - nOuter;
  const angle = (j: number, m: number): number => (m > 1 ? (Math.PI * j) / (m - 1) : 0);
  return shuffledDataset('two-moons', n, 2, rng, (i, out, at) => {
    const outer = i < nOuter;
    const t = outer ? angle(i, nOuter) : angle(i - nOuter, nInner);
    out[at] = (outer ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.normal();
    out[at + 1] = (outer ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.normal();
    return outer ? 0 : 1;
  });
}

/**
 * Points from `components` isotropic Gaussians of standard deviation `std`, centred at
 * radius · (cos 2πk/K, sin 2πk/K) for component k; labelled by component. Components get
 * ⌊n/K⌋ or ⌈n/K⌉ points each (deterministic counts make class balance exact). Rows are in a
 * seeded random order.
 *
 * @throws RangeError for invalid counts, a negative `std` or `radius`, or a seed that is not a safe integer
 */
export function gaussianMixture(options: GaussianMixtureOptions): Dataset {
  const { n, components, std, radius, seed } = options;
  requirePositiveInteger(n, 'gaussianMixture n');
  requirePositiveInteger(components, 'gaussianMixture components');
  requireNonNegative(std, 'gaussianMixture std');
  requireNonNegative(radius, 'gaussianMixture radius');
  const rng = createRng(deriveSeed(seed, GAUSSIAN_MIXTURE_TAG));
  return shuffledDataset('gaussian-mixture', n, components, rng, (i, out, at) => {
    const k = i % components;
    const phi = (2 * Math.PI * k) / components;
    out[at] = radius * Math.cos(phi) + std * rng.normal();
    out[at + 1] = radius * Math.sin(phi) + std * rng.normal();
    return k;
  });
}
