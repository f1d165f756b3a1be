import type * as tf from '@tensorflow/tfjs';

import { Bernoulli } from './bernoulli';
import { Categorical } from './categorical';
import type { Distribution, Family } from './distribution';
import { Normal } from './normal';

export type { Distribution, Family } from './distribution';
export { Normal } from './normal';
export { Bernoulli, logSigmoid } from './bernoulli';
export { Categorical, gumbelNoise, logSoftmax } from './categorical';
export { hasClosedFormKl, klDivergence, registerKl, type KlFn } from './kl';
export { stopGradient, withoutGradient } from './no-grad';

/** The parameter names each family takes, in the order of its constructor. */
export const FAMILY_PARAMS: Readonly<Record<Family, readonly string[]>> = {
  normal: ['loc', 'scale'],
  bernoulli: ['logits'],
  categorical: ['logits'],
};

/**
 * Build a distribution from a family name and named parameter tensors, as the graph
 * compiler has them: `{ loc, scale }` for 'normal', `{ logits }` for 'bernoulli' and
 * 'categorical'. Missing or unexpected names throw (a typo such as `std` must not be
 * ignored). The tensors are used as given, not copied; see `Distribution` for shapes.
 */
export function makeDistribution(family: Family, params: Record<string, tf.Tensor>): Distribution {
  const expected = FAMILY_PARAMS[family];
  if (expected === undefined) throw new Error(`unknown distribution family '${String(family)}'`);
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
  const get = (name: string): tf.Tensor => params[name] as tf.Tensor;
  switch (family) {
    case 'normal':
      return new Normal(get('loc'), get('scale'));
    case 'bernoulli':
      return new Bernoulli(get('logits'));
    case 'categorical':
      return new Categorical(get('logits'));
  }
}
