import type * as tf from '@tensorflow/tfjs';

import { Bernoulli } from './bernoulli';
import { Categorical } from './categorical';
import type { Distribution, Family } from './distribution';
import { Normal } from './normal';

export type { Constraint, Distribution, Family, Support } from './distribution';
export { Normal } from './normal';
export { Bernoulli, logSigmoid } from './bernoulli';
export { Categorical, gumbelNoise, logSoftmax } from './categorical';
export { hasClosedFormKl, klDivergence, klDivergencePerDim, registerKl, type KlFn } from './kl';
export { stopGradient, withoutGradient } from './no-grad';

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
