import type * as tf from '@tensorflow/tfjs';

import { Bernoulli } from './bernoulli';
import { Beta } from './beta';
import { Categorical } from './categorical';
import { CategoricalCounts } from './categorical-counts';
import type { Distribution, Family } from './distribution';
import { Gamma } from './gamma';
import './kl-kumaraswamy-beta';
import { Kumaraswamy } from './kumaraswamy';
import { Laplace } from './laplace';
import { LogNormal } from './lognormal';
import { Normal } from './normal';
import { OneHotCategorical } from './onehot-categorical';
import { Poisson } from './poisson';
import { RelaxedBernoulli } from './relaxed-bernoulli';
import { RelaxedOneHotCategorical } from './relaxed-onehot-categorical';
import { Weibull } from './weibull';

export type { Constraint, Distribution, Family, Support } from './distribution';
export { Normal } from './normal';
export { Bernoulli, logSigmoid } from './bernoulli';
export { Categorical, gumbelNoise, logSoftmax } from './categorical';
export { CategoricalCounts } from './categorical-counts';
export { CategoricalSequence, type SequenceDecoder } from './categorical-sequence';
export { hasClosedFormKl, klDivergence, klDivergencePerDim, registerKl, type KlFn } from './kl';
export { stopGradient, withoutGradient } from './no-grad';
export { OneHotCategorical, enumerateOneHot, indicesToOneHot } from './onehot-categorical';
export { DEFAULT_ENUMERATION_LIMIT, enumerateBernoulli } from './enumerate';
export { Poisson } from './poisson';
export { RelaxedBernoulli, type Temperature } from './relaxed-bernoulli';
export { RelaxedOneHotCategorical } from './relaxed-onehot-categorical';
export { Beta } from './beta';
export { Gamma } from './gamma';
export { Kumaraswamy, log1mExp } from './kumaraswamy';
export { Weibull } from './weibull';
export { LogNormal } from './lognormal';
export { Laplace } from './laplace';
export { AffineFlow, type AffineConditioner } from './affine-flow';
export { InverseAutoregressiveFlow } from './iaf';
export { EULER_GAMMA, digamma, digammaDifference, lgamma, log1p, logBeta, trigamma } from './special';
export { KUMARASWAMY_BETA_KL_TERMS, klKumaraswamyBeta } from './kl-kumaraswamy-beta';

/** Settings of a family that are not tensors. */
export interface FamilyOptions {
  /** One-hot and relaxed categoricals: the number of independent groups the event splits into (default 1). */
  readonly groups?: number;
}

/** How to build one family: its parameter names (in constructor order) and a constructor. */
interface FamilyEntry {
  readonly params: readonly string[];
  create(get: (name: string) => tf.Tensor, options: FamilyOptions): Distribution;
}

/** One entry per family: the single table that `makeDistribution` and `FAMILY_PARAMS` read. */
const FAMILIES: { readonly [F in Family]?: FamilyEntry } = {
  normal: { params: ['loc', 'scale'], create: (get) => new Normal(get('loc'), get('scale')) },
  bernoulli: { params: ['logits'], create: (get) => new Bernoulli(get('logits')) },
  categorical: { params: ['logits'], create: (get) => new Categorical(get('logits')) },
  'categorical-counts': { params: ['logits'], create: (get) => new CategoricalCounts(get('logits')) },
  'onehot-categorical': {
    params: ['logits'],
    create: (get, options) => new OneHotCategorical(get('logits'), options.groups ?? 1),
  },
  poisson: { params: ['rate'], create: (get) => new Poisson(get('rate')) },
  'relaxed-bernoulli': {
    params: ['temperature', 'logits'],
    create: (get) => new RelaxedBernoulli(get('temperature'), get('logits')),
  },
  'relaxed-onehot-categorical': {
    params: ['temperature', 'logits'],
    create: (get, options) => new RelaxedOneHotCategorical(get('temperature'), get('logits'), options.groups ?? 1),
  },
  beta: {
    params: ['concentration1', 'concentration0'],
    create: (get) => new Beta(get('concentration1'), get('concentration0')),
  },
  kumaraswamy: {
    params: ['concentration1', 'concentration0'],
    create: (get) => new Kumaraswamy(get('concentration1'), get('concentration0')),
  },
  gamma: { params: ['concentration', 'rate'], create: (get) => new Gamma(get('concentration'), get('rate')) },
  weibull: { params: ['scale', 'concentration'], create: (get) => new Weibull(get('scale'), get('concentration')) },
  lognormal: { params: ['loc', 'scale'], create: (get) => new LogNormal(get('loc'), get('scale')) },
  laplace: { params: ['loc', 'scale'], create: (get) => new Laplace(get('loc'), get('scale')) },
};

/** The parameter names each family takes, in the order of its constructor. */
export const FAMILY_PARAMS: Readonly<Partial<Record<Family, readonly string[]>>> = Object.fromEntries(
  Object.entries(FAMILIES).map(([family, entry]) => [family, entry.params]),
);

/**
 * Build a distribution from a family name and named parameter tensors, as the graph
 * compiler has them: `{ loc, scale }` for 'normal', `{ logits }` for 'bernoulli' and
 * 'categorical', and so on (`FAMILY_PARAMS`). Missing or unexpected names throw (a typo such
 * as `std` must not be ignored). The tensors are used as given, not copied; see `Distribution`
 * for shapes.
 */
export function makeDistribution(family: Family, params: Record<string, tf.Tensor>, options: FamilyOptions = {}): Distribution {
  const entry = FAMILIES[family];
  if (entry === undefined) throw new Error(`unknown distribution family '${String(family)}'`);
  const expected = entry.params;
  const names = Object.keys(params);
  const missing = expected.filter((name) => params[name] === undefined);
  const unexpected = names.filter((name) => !expected.includes(name));
  if (missing.length > 0 || unexpected.length > 0) {
    throw new Error(
      `${family} takes parameters {${expected.join(', ')}}, got {${names.join(', ')}}` +
        (missing.length > 0 ? `; missing ${missing.join(', ')}` : '') +
        (unexpected.length > 0 ? `; unexpected ${unexpected.join(', ')}` : ''),
    );
  }
  // Non-null: checked just above (noUncheckedIndexedAccess cannot see it).
  return entry.create((name) => params[name] as tf.Tensor, options);
}
