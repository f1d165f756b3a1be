import { describe, expect, it } from 'vitest';
import { analyzeGraph, getKind, type GraphFile } from '../../../../shared/graph/index';
import { loadExample } from '../../../helpers/examples';

/** Every error of a graph file checked with its training settings, as "code: message". */
function errors(doc: GraphFile): string[] {
  return analyzeGraph(doc.graph, {}, doc.training).problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`);
}

/** The ADVI template with its latent (and optionally its posterior) changed. */
function advi(change: (node: (id: string) => GraphFile['graph']['nodes'][number], doc: GraphFile) => void = () => {}): GraphFile {
  const doc = loadExample('advi-weibull-poisson');
  change((id) => doc.graph.nodes.find((n) => n.id === id)!, doc);
  return doc;
}

describe('constraint transforms and global latents in validation', () => {
  it('accepts the template, and each transform onto its prior\'s support', () => {
    expect(errors(advi())).toEqual([]);
    expect(errors(advi((n) => { n('rate').params.transform = 'softplus'; }))).toEqual([]);
    // (A rate in (0, 1) is not said to be positive by the Poisson's own rule, which is not this one's.)
    expect(errors(advi((n) => {
      n('rate').kind = 'dist.beta';
      n('rate').params = { role: 'latent', size: 1, transform: 'sigmoid', plate: 'global' };
    })).filter((e) => !e.startsWith('not-positive'))).toEqual([]);
  });

  it('refuses a transform whose image is not the prior\'s support, naming the latent and the transforms that fit', () => {
    expect(errors(advi((n) => { n('rate').params.transform = 'sigmoid'; }))).toEqual([
      'transform-support: latent rate has a Weibull prior over positive values, but its sigmoid transform maps ζ onto values in [0, 1]: use exp or softplus, which map onto positive values',
    ]);
    expect(errors(advi((n) => {
      n('rate').kind = 'dist.beta';
      n('rate').params = { role: 'latent', size: 1, transform: 'exp', plate: 'global' };
    })).filter((e) => !e.startsWith('not-positive'))).toEqual([
      'transform-support: latent rate has a Beta prior over values in [0, 1], but its exp transform maps ζ onto positive values: use sigmoid, which maps onto values in [0, 1]',
    ]);
    expect(errors(advi((n) => {
      n('rate').kind = 'dist.normal';
      n('rate').params = { role: 'latent', size: 1, transform: 'exp', plate: 'global' };
    }))[0]).toBe('transform-support: latent rate has a Normal prior over real values, but its exp transform maps ζ onto positive values: a Normal prior takes no constraint transform: set it to none');
  });

  it('refuses a posterior that is not over real values when the latent is transformed', () => {
    const doc = advi((n) => {
      n('q_rate').kind = 'dist.logNormal';
      n('q_rate').params = { role: 'posterior' };
    });
    expect(errors(doc)).toEqual([
      'posterior-support: approximate posterior q_rate of latent rate is LogNormal, over positive values; with the exp transform (rate = exp(ζ)) q is over the unconstrained ζ and must be a family over real values (Normal or Laplace)',
    ]);
    // Without the transform the same LogNormal q is a posterior over the positive rate itself.
    doc.graph.nodes.find((n) => n.id === 'rate')!.params.transform = 'none';
    expect(errors(doc)).toEqual([]);
  });

  it('refuses a global latent whose posterior differs per example, or that is not reparameterised', () => {
    const perExample = advi((n, doc) => {
      doc.graph.nodes.push({ id: 'enc', kind: 'network.mlp', name: 'encoder', params: { hidden: [4], activation: 'tanh', heads: [{ name: 'loc', size: 1, activation: 'linear' }] } });
      doc.graph.edges = doc.graph.edges.filter((e) => e.id !== 'e1');
      doc.graph.edges.push({ id: 'c1', source: { node: 'counts', port: 'x' }, target: { node: 'enc', port: 'in' } }, { id: 'c2', source: { node: 'enc', port: 'loc' }, target: { node: 'q_rate', port: 'loc' } });
      doc.graph.nodes = doc.graph.nodes.filter((m) => m.id !== 'mu');
      void n;
    });
    expect(errors(perExample)).toEqual([
      'not-global: latent rate is global (one value for the whole data set), but its approximate posterior q_rate differs per example: give q learnable parameters, or make rate per-example',
    ]);
    expect(errors(advi((n) => { n('rate').params.estimator = 'score-function'; }))).toEqual([
      'estimator-unavailable: global latent rate is trained by reparameterisation only (its KL is shared by every example of the data set), not score-function: set its estimator to reparameterisation or make it per-example',
    ]);
  });

  it('refuses the importance-weighted bound and free bits for a global latent', () => {
    expect(errors(advi((_n, doc) => { doc.training.objective = { kind: 'iwae', samples: 4 }; }))).toEqual([
      'estimator-objective: the importance-weighted bound cannot train global latent rate: its weights would need the whole data set\'s likelihood at once; use the ELBO',
    ]);
    expect(errors(advi((_n, doc) => { doc.training.objective = { kind: 'elbo', samples: 1, beta: 1, warmupSteps: 0, freeBits: 0.5, freeBitsPer: 'dimension' }; }))).toEqual([
      'estimator-objective: free bits clamp a per-example KL, and latent rate is global (its KL is shared by the whole data set): set free bits to 0 or make rate per-example',
    ]);
  });

  it('says the plate and the transform in the latent\'s summary', () => {
    const rate = advi().graph.nodes.find((n) => n.id === 'rate')!;
    const kind = getKind(rate.kind)!;
    expect(kind.summary(kind.params.parse(rate.params))).toBe('Weibull [1], latent, global, = exp(ζ)');
    expect(kind.summary(kind.params.parse({ ...rate.params, role: 'posterior' }))).toBe('Weibull [1], approximate posterior');
  });
});
