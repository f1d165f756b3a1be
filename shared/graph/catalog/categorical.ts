import { z } from 'zod';
import { defineRandomVariable, rvBaseParams } from './random-variable';
import { checkKnownLabels, knownPorts } from './known-labels';

export const categoricalParams = z.object({
  ...rvBaseParams,
  logits: z.number().default(0).describe('logits when unconnected'),
  /**
   * Latents and posteriors: the event splits into this many independent groups of K = size / groups
   * classes, each sampled one-hot (a Gumbel-softmax VAE uses e.g. 20 groups of 10).
   */
  groups: z.number().int().min(1).max(10_000).default(1).describe('Groups'),
  /**
   * Latent, semi-supervised (M2): observed where the label wired into its 'known' port is known
   * (≥ 0), summed over with q(y | x) where it is −1. Trained by enumeration.
   */
  observedWhereKnown: z.boolean().default(false).describe('Observed where known'),
  /** With observedWhereKnown: α, the weight of log q(y | x) added on each labelled row (Kingma et al.'s classification term). */
  classificationWeight: z.number().min(0).max(1e6).default(1).describe('Classification weight α'),
});
export type CategoricalParams = z.infer<typeof categoricalParams>;

/** Categorical(softmax(logits)) over n classes; as a latent, one-hot in each of its groups. */
export const categoricalKind = defineRandomVariable<CategoricalParams>('dist.categorical', {
  family: 'categorical',
  displayName: 'Categorical',
  description: 'One of K classes with probabilities softmax(logits): a digit label when observed, the words of a bag of words (counts, each token a draw, order ignored), or a sentence token by token (logits per position from a GRU decoder); as a latent, a one-hot vector per group (size = groups × K).',
  paramPorts: [{ name: 'logits', constraint: 'real', description: 'unnormalised log-probabilities of the classes (groups × K)' }],
  support: 'onehot',
  hasRsample: false,
  trainableEstimators: ['score-function', 'relaxed', 'straight-through', 'enumeration'],
  defaultEstimator: 'score-function',
  supportSize: (size, p) => (size / p.groups) ** p.groups,
  // One class per example; a bag of words: counts of the classes, each token a draw, order ignored;
  // or a sequence of token ids (with logits per position from a GRU decoder: `sequenceChecks`).
  cannotObserve: (t) => (t.domain === 'index' || t.domain === 'count' ? null : 'observes one class index per example, the counts of a bag of words, or a sequence of token ids'),
  observedSize: (t) => (t.domain === 'count' ? t.size : (t.categories ?? null)),
  groups: (p) => p.groups,
  summaryExtra: (p) => `${p.groups > 1 ? `, ${p.groups} groups` : ''}${p.role === 'latent' && p.observedWhereKnown ? `, observed where known (α = ${p.classificationWeight})` : ''}`,
  latentPorts: knownPorts,
  checkLatent: checkKnownLabels,
}, categoricalParams);
