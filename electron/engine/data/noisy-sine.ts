/**
 * Seeded 1-D regression data: x ~ Uniform(−3, 3), y = sin(x) + σ(x) ε with ε ~ N(0, 1), where the
 * noise grows with x when heteroscedastic, σ(x) = noise · (0.25 + 0.75 (x + 3) / 6), and is
 * `noise` everywhere otherwise. A network predicting N(loc(x), scale(x)²) can learn both the mean
 * and the noise; the generating density is known, so its log-likelihood is the yardstick
 * (`noisySineLogLikelihood`). The same options always give the same data (own stream, see synthetic.ts).
 */
import { createRng, deriveSeed } from '../random/prng';
import { createDataset, type Dataset } from './dataset';

export interface NoisySineOptions {
  readonly n: number;
  readonly noise: number;
  readonly heteroscedastic: boolean;
  readonly seed: number;
}

const NOISY_SINE_TAG = 0x73696e65; // 'sine'
export const X_RANGE = 3;

/** The standard deviation of y given x. */
export function noiseAt(x: number, o: Pick<NoisySineOptions, 'noise' | 'heteroscedastic'>): number {
  return o.heteroscedastic ? o.noise * (0.25 + (0.75 * (x + X_RANGE)) / (2 * X_RANGE)) : o.noise;
}

/**
 * @throws RangeError for a non-positive or non-integer `n` or a noise that is not positive
 */
export function noisySine(o: NoisySineOptions): Dataset {
  if (!Number.isInteger(o.n) || o.n < 1) throw new RangeError(`noisySine n must be a positive integer, got ${String(o.n)}`);
  if (!Number.isFinite(o.noise) || o.noise <= 0) throw new RangeError(`noisySine noise must be a finite number > 0, got ${String(o.noise)}`);
  const rng = createRng(deriveSeed(o.seed, NOISY_SINE_TAG));
  const x = new Float32Array(o.n);
  const y = new Float32Array(o.n);
  for (let i = 0; i < o.n; i++) {
    const xi = -X_RANGE + 2 * X_RANGE * rng.next();
    x[i] = xi;
    y[i] = Math.sin(xi) + noiseAt(xi, o) * rng.normal();
  }
  return createDataset('noisy-sine', o.n, { x: { size: 1, domain: 'real', values: x }, y: { size: 1, domain: 'real', values: y } });
}

/** The mean log-density of `data` under the process that generated it: the best any model can expect. */
export function noisySineLogLikelihood(data: Dataset, o: Pick<NoisySineOptions, 'noise' | 'heteroscedastic'>): number {
  const x = data.columns.x!.values;
  const y = data.columns.y!.values;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const s = noiseAt(x[i]!, o);
    const r = (y[i]! - Math.sin(x[i]!)) / s;
    sum += -0.5 * Math.log(2 * Math.PI * s * s) - 0.5 * r * r;
  }
  return sum / data.length;
}
