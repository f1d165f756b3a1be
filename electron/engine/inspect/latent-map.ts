import type { CompiledModel } from '../compile/model';
import type { Dataset } from '../data/dataset';
import { disposingScope } from '../scope';
import { pca2 } from './pca';
import { firstRows, readFloats } from './rows';

/** One latent's map: where the encoder puts each example, in two dimensions. */
export interface LatentMap {
  readonly latent: string;
  /** `n × 2` row-major: the posterior means (identity) or their first two principal components (pca). */
  readonly points: Float32Array;
  /** The examples' classes, from the data set's `label` column when it has one. */
  readonly labels?: Int32Array;
  /** 'identity' for a latent of size 1 or 2 (size 1: second coordinate 0), else 'pca'. */
  readonly method: 'identity' | 'pca';
  /** For 'pca': the share of the variance each axis shows. */
  readonly explained?: [number, number];
}

/**
 * The posterior mean E_q[z | x] of every latent for the first `n` examples of `dataset` (the
 * held-out split, typically), reduced to 2-D for a scatter plot. The means, not draws, so the map
 * shows what the encoder has learnt without its noise. No tensor outlives the call.
 */
export function encodeLatents(model: CompiledModel, dataset: Dataset, options: { readonly n: number; readonly seed: number }): LatentMap[] {
  const means = disposingScope(() => {
    const batch = firstRows(model, dataset, options.n);
    const { latents } = model.forward({ latents: 'posterior-mean', outputs: 'latents', seed: options.seed, batch });
    return Object.entries(latents).map(([name, z]) => ({ name, values: readFloats(z), size: z.shape[1]! }));
  });
  const rows = Math.min(options.n, dataset.length);
  const label = dataset.columns.label;
  const labels = label ? Int32Array.from(label.values.subarray(0, rows)) : undefined;
  return means.map(({ name, values, size }) => {
    const base = { latent: name, ...(labels ? { labels } : {}) };
    if (size === 2) return { ...base, points: values, method: 'identity' as const };
    if (size === 1) return { ...base, points: Float32Array.from({ length: 2 * rows }, (_, k) => (k % 2 === 0 ? values[k / 2]! : 0)), method: 'identity' as const };
    const { points, explained } = pca2(values, rows, size);
    return { ...base, points, method: 'pca' as const, explained };
  });
}
