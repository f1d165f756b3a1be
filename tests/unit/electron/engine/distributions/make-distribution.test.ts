import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import {
  Bernoulli,
  Categorical,
  FAMILY_PARAMS,
  Normal,
  makeDistribution,
} from '../../../../../electron/engine/distributions';
import type { Family } from '../../../../../electron/engine/distributions';

describe('makeDistribution', () => {
  it('builds each family from its named parameters', () => {
    tf.tidy(() => {
      const normal = makeDistribution('normal', { loc: tf.zeros([2, 3]), scale: tf.ones([3]) });
      expect(normal).toBeInstanceOf(Normal);
      expect([normal.family, normal.batchSize, normal.eventSize, normal.hasRsample]).toEqual(['normal', 2, 3, true]);
      const bern = makeDistribution('bernoulli', { logits: tf.zeros([4, 5]) });
      expect(bern).toBeInstanceOf(Bernoulli);
      expect([bern.family, bern.batchSize, bern.eventSize, bern.hasRsample]).toEqual(['bernoulli', 4, 5, false]);
      const cat = makeDistribution('categorical', { logits: tf.zeros([10]) });
      expect(cat).toBeInstanceOf(Categorical);
      expect([cat.family, cat.batchSize, cat.eventSize, cat.hasRsample]).toEqual(['categorical', 1, 10, false]);
    });
  });

  it('lists the parameter names of every family, as torch.distributions names them', () => {
    expect(FAMILY_PARAMS).toEqual({
      normal: ['loc', 'scale'],
      bernoulli: ['logits'],
      categorical: ['logits'],
      'categorical-counts': ['logits'],
      'onehot-categorical': ['logits'],
      poisson: ['rate'],
      'relaxed-bernoulli': ['temperature', 'logits'],
      'relaxed-onehot-categorical': ['temperature', 'logits'],
      beta: ['concentration1', 'concentration0'],
      kumaraswamy: ['concentration1', 'concentration0'],
      gamma: ['concentration', 'rate'],
      weibull: ['scale', 'concentration'],
      lognormal: ['loc', 'scale'],
      laplace: ['loc', 'scale'],
    });
  });

  it('rejects missing, misspelt and extra parameters, and unknown families', () => {
    tf.tidy(() => {
      const t = tf.zeros([2]);
      expect(() => makeDistribution('normal', { loc: t })).toThrow(/missing scale/);
      expect(() => makeDistribution('normal', { loc: t, std: t })).toThrow(/missing scale; unexpected std/);
      expect(() => makeDistribution('bernoulli', { logits: t, probs: t })).toThrow(/unexpected probs/);
      expect(() => makeDistribution('nonsense' as Family, { rate: t })).toThrow(/unknown distribution family/);
    });
  });

  it('creates no tensors', () => {
    const loc = tf.zeros([3]);
    const before = tf.memory().numTensors;
    makeDistribution('normal', { loc, scale: loc });
    expect(tf.memory().numTensors).toBe(before);
    loc.dispose();
  });
});
