import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset';
import { logWeights } from '../objectives/index';
import { deriveSeed } from '../random/prng';
import { disposingScope } from '../scope';
import { BatchMaker } from './batch';
import type { Prepared } from './trainer';

/** The importance-weighted bound at one number of samples, averaged over examples. */
export interface BoundAt {
  readonly samples: number;
  /** Mean over examples of log (1/S) Σ_s w_s (nats per example). */
  readonly bound: number;
  /** Its standard error over examples. */
  readonly standardError: number;
}

export interface HeldOutBounds {
  readonly examples: number;
  /** The importance-weighted bound at each number of samples asked for, in increasing order (S = 1 is a Monte Carlo ELBO, except that enumerated latents are summed out exactly rather than sampled from q). */
  readonly bounds: readonly BoundAt[];
  /** The log-likelihood estimate: the bound at the largest S (a lower bound in expectation that tightens with S). */
  readonly logLikelihood: number;
}

export interface HeldOutBoundsOptions {
  /** The numbers of samples to report (each ≥ 1); the largest sets the work. */
  readonly samples: readonly number[];
  readonly seed: number;
  /** Evaluate the first this many examples (default: all). */
  readonly examples?: number;
  /** Rows (examples × samples × enumerated configurations) per pass (default 32,768), to bound memory. */
  readonly rowsPerPass?: number;
}

/**
 * Rows per pass when not asked: 32,768, or fewer for a model whose rows are wide: a sentence
 * model's logits are positions × vocabulary per row (16 × 1,000 in the template), so its passes
 * hold at most 8 million of them (each a few tensors of that size in the decoder's pass).
 */
export function defaultRowsPerPass(model: Pick<Prepared['model'], 'observed'>): number {
  let widest = 0;
  for (const a of model.observed) {
    for (const list of Object.values(a.inputs)) {
      for (const inc of list) if (inc.type.positions !== undefined && inc.type.size !== null) widest = Math.max(widest, inc.type.positions * inc.type.size);
    }
  }
  return widest === 0 ? 32_768 : Math.max(1, Math.min(32_768, Math.floor(8_000_000 / widest)));
}

/**
 * Importance-sampled bounds on the held-out log-likelihood: draw S latents per example from the
 * approximate posterior (the discrete draws for relaxed latents, so the numbers are the discrete
 * model's), weigh each by p(x, z)/q(z | x) (enumerated latents summed out exactly), and average
 * log (1/S') Σ_{s ≤ S'} w_s over examples for each S' asked for, using the first S' of the same
 * draws. A model without latents gets its exact log-likelihood at every S.
 */
export function heldOutBounds(p: Pick<Prepared, 'model' | 'columns'>, split: Dataset, options: HeldOutBoundsOptions): HeldOutBounds {
  const list = [...new Set(options.samples)].sort((a, b) => a - b);
  if (list.length === 0 || list[0]! < 1 || !list.every(Number.isInteger)) throw new Error(`samples must be whole numbers ≥ 1, got ${options.samples.join(', ')}`);
  const global = p.model.latents.find((l) => l.params.plate === 'global');
  // log p(x_b) per example does not exist when a latent is shared by all examples: the weights
  // would be of the whole data set's likelihood at once, which no per-example bound estimates.
  if (global) throw new Error(`latent ${global.node.name} is global (shared by every example), so the held-out log-likelihood does not split into per-example importance-weighted bounds; the held-out ELBO per example is the measure of such a model`);
  const S = list.at(-1)!;
  const n = Math.min(options.examples ?? split.length, split.length);
  if (n < 1) throw new Error('the held-out split has no examples to evaluate');
  const configurations = Math.max(1, p.model.enumerationConfigurations);
  const perPass = Math.max(1, Math.floor((options.rowsPerPass ?? defaultRowsPerPass(p.model)) / (S * configurations)));
  const maker = new BatchMaker(split, p.columns);
  const sums = new Float64Array(list.length);
  const squares = new Float64Array(list.length);
  for (let start = 0; start < n; start += perPass) {
    const B = Math.min(perPass, n - start);
    const idx = Int32Array.from({ length: B }, (_, i) => start + i);
    const perExample = disposingScope(() => {
      const logW = logWeights(p.model.trace(maker.make(idx), deriveSeed(options.seed, 0x15a3, start), { particles: S, mode: 'honest' }));
      // For each S', log (1/S') Σ over the first S' draws, per example: [list.length, B].
      const rows = list.map((k) => tf.sub(tf.logSumExp(k === S ? logW : tf.slice(logW, [0, 0], [k, B]), 0), Math.log(k)));
      return tf.stack(rows).arraySync() as number[][];
    });
    perExample.forEach((row, i) => {
      for (const v of row) {
        sums[i]! += v;
        squares[i]! += v * v;
      }
    });
  }
  const bounds = list.map((samples, i) => {
    const mean = sums[i]! / n;
    const variance = n > 1 ? Math.max(0, (squares[i]! - n * mean * mean) / (n - 1)) : 0;
    return { samples, bound: mean, standardError: Math.sqrt(variance / n) };
  });
  return { examples: n, bounds, logLikelihood: bounds.at(-1)!.bound };
}
