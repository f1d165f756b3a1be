import { describe, expect, it } from 'vitest';
import { analyzeGraph, type GraphFile } from '../../../../shared/graph/index';
import { tinyFactors, tinyFamilies, tinyMixture, tinyVae } from '../../../helpers/tiny-graphs';

/** Every error of a graph file checked with its training settings, as "code: message". */
function errors(doc: GraphFile): string[] {
  return analyzeGraph(doc.graph, {}, doc.training).problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`);
}

describe('estimators in validation', () => {
  it('accepts each estimator a family allows', () => {
    for (const estimator of ['score-function', 'relaxed', 'straight-through', 'enumeration']) {
      expect(errors(tinyFactors({ estimator })), estimator).toEqual([]);
      expect(errors(tinyMixture({ estimator })), estimator).toEqual([]);
    }
    expect(errors(tinyVae())).toEqual([]);
  });

  it('refuses an estimator the family cannot use, naming those it can', () => {
    expect(errors(tinyFactors({ estimator: 'reparameterisation' }))).toEqual([
      'estimator-unavailable: latent z is Bernoulli and cannot use the reparameterisation estimator (estimators for a Bernoulli: score-function, relaxed, straight-through, enumeration)',
    ]);
    const vae = tinyVae();
    vae.graph.nodes.find((n) => n.id === 'z')!.params.estimator = 'relaxed';
    expect(errors(vae)).toEqual(['estimator-unavailable: latent z is Normal and cannot use the relaxed estimator (estimators for a Normal: reparameterisation, score-function)']);
  });

  it('lets an enumerated latent go without a posterior, and no other', () => {
    expect(errors(tinyMixture({ estimator: 'enumeration', posterior: false }))).toEqual([]);
    expect(errors(tinyMixture({ estimator: 'score-function', posterior: false }))).toEqual(['latent-no-posterior: latent c has no approximate posterior']);
  });

  it('refuses to enumerate more than 1,024 configurations', () => {
    expect(errors(tinyFactors({ estimator: 'enumeration', factors: 10 }))).toEqual([]);
    expect(errors(tinyFactors({ estimator: 'enumeration', factors: 11 }))).toEqual([
      'enumeration-too-large: latent z takes 2,048 values, too many to enumerate (at most 1024): use the score-function, relaxed or straight-through estimator',
    ]);
    const groups = tinyMixture({ estimator: 'enumeration', components: 4, latent: { groups: 2, size: 4 } });
    expect(errors(groups).filter((e) => e.startsWith('enumeration'))).toEqual([]);
  });

  it('wants a learned baseline wired, one number per example', () => {
    expect(errors(tinyFactors({ estimator: 'score-function', baseline: 'learned' }))).toEqual([]);
    const unwired = tinyFactors({ estimator: 'score-function', baseline: 'learned' });
    unwired.graph.edges = unwired.graph.edges.filter((e) => e.id !== 'e9');
    expect(errors(unwired)).toEqual(["missing-input: Bernoulli z has no input on 'baseline'"]);
    const wide = tinyFactors({ estimator: 'score-function', baseline: 'learned' });
    (wide.graph.nodes.find((n) => n.id === 'b')!.params.heads as Array<{ size: number }>)[0]!.size = 3;
    expect(errors(wide)).toEqual(["size-mismatch: the baseline of latent z is one number per example; head 'b' of baseline gives 3 numbers"]);
  });

  it('checks estimators against the objective', () => {
    expect(errors(tinyFactors({ estimator: 'score-function', baseline: 'leave-one-out' }))).toEqual([
      "estimator-objective: latent z uses the leave-one-out baseline, which compares several samples of each example: set the objective's samples to 2 or more",
    ]);
    expect(errors(tinyFactors({ estimator: 'score-function', baseline: 'leave-one-out' }, { objective: { kind: 'iwae', samples: 5 } }))).toEqual([]);
    expect(errors(tinyFactors({ estimator: 'relaxed' }, { objective: { kind: 'iwae', samples: 5 } }))).toEqual([
      'estimator-objective: the importance-weighted bound cannot train latent z: it needs reparameterised latents (or the score function with the leave-one-out baseline), not relaxed',
    ]);
    expect(errors(tinyVae({ objective: { kind: 'iwae', samples: 5 } }))).toEqual([]);
    expect(errors(tinyMixture({ estimator: 'enumeration', posterior: false }, { objective: { kind: 'iwae', samples: 5 } }))).toEqual([]);
    expect(errors(tinyMixture({ estimator: 'enumeration' }, { objective: { kind: 'iwae', samples: 5 } }))).toEqual([
      'estimator-objective: the importance-weighted bound cannot train latent c: it sums enumerated latents out exactly, so an enumerated latent takes no approximate posterior',
    ]);
  });

  it('splits a Categorical latent into groups of equal size, and never an observed one', () => {
    expect(errors(tinyMixture({ estimator: 'relaxed', components: 3, latent: { groups: 2, size: 3 } }))).toContain(
      'size-mismatch: Categorical c has size 3, which does not split into 2 groups of equal size',
    );
  });

  const SHAPES = [{ name: 'concentration1', positive: true }, { name: 'concentration0', positive: true }];

  it('lets a posterior of another family over the same support stand in (a Kumaraswamy for a Beta), reparameterised if it can be', () => {
    expect(errors(tinyFamilies({ latent: 'dist.beta', posterior: 'dist.kumaraswamy', ports: SHAPES }))).toEqual([]);
    expect(errors(tinyFamilies({ latent: 'dist.gamma', posterior: 'dist.weibull', ports: [{ name: 'scale', positive: true }, { name: 'concentration', positive: true }] }))).toEqual([]);
    expect(errors(tinyFamilies({ latent: 'dist.gamma', posterior: 'dist.logNormal', ports: [{ name: 'loc', positive: false }, { name: 'scale', positive: true }] }))).toEqual([]);
    expect(errors(tinyFamilies({ latent: 'dist.normal', posterior: 'dist.laplace', ports: [{ name: 'loc', positive: false }, { name: 'scale', positive: true }] }))).toEqual([]);
    expect(errors(tinyFamilies({ latent: 'dist.beta', posterior: 'dist.beta', ports: SHAPES }))).toEqual([
      'estimator-unavailable: latent z is drawn from its posterior, a Beta, which has no reparameterised sample: give it a Kumaraswamy or RelaxedBernoulli posterior, which can be reparameterised, or use the score-function estimator',
    ]);
    expect(errors(tinyFamilies({ latent: 'dist.beta', posterior: 'dist.beta', ports: SHAPES, estimator: 'score-function' }))).toEqual([]);
  });

  it('refuses a posterior over another support, naming the families that fit', () => {
    expect(errors(tinyFamilies({ latent: 'dist.gamma', posterior: 'dist.normal', ports: [{ name: 'loc', positive: false }, { name: 'scale', positive: true }] }))).toEqual([
      'posterior-support: approximate posterior q_z of latent z is Normal; it must be Gamma or Weibull or LogNormal, a family over the support of z (positive values)',
    ]);
    expect(errors(tinyFamilies({ latent: 'dist.poisson', posterior: 'dist.gamma', ports: [{ name: 'concentration', positive: true }, { name: 'rate', positive: true }], estimator: 'score-function' }))).toEqual([
      'posterior-support: approximate posterior q_z of latent z is Gamma; it must be Poisson, a family over the support of z (counts 0, 1, 2, …)',
    ]);
  });

  it('asks for positive parameters, naming the link that makes them so', () => {
    const raw = tinyFamilies({ latent: 'dist.beta', posterior: 'dist.kumaraswamy', ports: SHAPES.map((p) => ({ ...p, positive: false })) });
    expect(errors(raw)[0]).toBe("not-positive: concentration1 of q_z must be positive, but head 'concentration1' of encoder gives real values: give it a softplus activation or set q_z's positive link to softplus");
    raw.graph.nodes.find((n) => n.id === 'q')!.params.positiveLink = 'softplus';
    expect(errors(raw)).toEqual([]);
  });
});

