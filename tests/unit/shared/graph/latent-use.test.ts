import { describe, expect, it } from 'vitest';
import { analyzeGraph, type GraphFile } from '../../../../shared/graph/index';
import { loadExample } from '../../../helpers/examples';
import { tinyVae } from '../../../helpers/tiny-graphs';

/** The warnings of a graph file, as "code: message". */
function warnings(doc: GraphFile): string[] {
  return analyzeGraph(doc.graph, {}, doc.training).problems.filter((p) => p.severity === 'warning').map((p) => `${p.code}: ${p.message}`);
}

/** The graph without a node and the edges at it. */
function without(doc: GraphFile, nodeId: string): GraphFile {
  return { ...doc, graph: { nodes: doc.graph.nodes.filter((n) => n.id !== nodeId), edges: doc.graph.edges.filter((e) => e.source.node !== nodeId && e.target.node !== nodeId) } };
}

describe('latents the model does not use', () => {
  it('says nothing of the shipped examples', () => {
    for (const name of ['vae-mnist', 'classifier-mnist', 'vae-two-moons', 'mixture-enumeration', 'factors-mnist', 'gumbel-vae-mnist', 'kumaraswamy-beta-mnist', 'maf-two-moons', 'cvae-mnist', 'iaf-vae-mnist', 'sentence-vae-text', 'm2-mnist', 'regressor-sine'] as const) {
      expect(warnings(loadExample(name)), name).toEqual([]);
    }
  });

  it('warns, in the model’s words, when the VAE loses its decoder: z feeds nothing and x ignores z', () => {
    expect(warnings(without(loadExample('vae-mnist'), 'decoder'))).toEqual([
      'latent-unused: latent z feeds nothing: its sample is not connected, so the model ignores z; connect it to a network (a decoder) or to a distribution\'s parameter',
      'ignores-latents: x ignores z: its logits = 0 is a constant; connect a network fed by z\'s sample to its logits',
    ]);
  });

  it('warns when an observed Normal depends on no latent, even with a parameter connected', () => {
    const doc = tinyVae();
    // x's loc from a learnable parameter instead of the decoder: loc is connected but reached by no latent.
    const rewired: GraphFile = {
      ...doc,
      graph: {
        nodes: [...doc.graph.nodes.filter((n) => n.id !== 'dec'), { id: 'm', kind: 'param.learnable', name: 'mean', params: { size: 2, init: 0 } }],
        edges: [
          ...doc.graph.edges.filter((e) => e.source.node !== 'dec' && e.target.node !== 'dec'),
          { id: 'em', source: { node: 'm', port: 'out' }, target: { node: 'x', port: 'loc' } },
        ],
      },
    };
    expect(warnings(rewired)).toEqual([
      'latent-unused: latent z feeds nothing: its sample is not connected, so the model ignores z; connect it to a network (a decoder) or to a distribution\'s parameter',
      'ignores-latents: x ignores z: none of its parameters depends on a latent; connect a network fed by z\'s sample to its parameters',
    ]);
  });

  it('says nothing of a model without latents (a classifier) and of a latent used through a network', () => {
    expect(warnings(loadExample('classifier-mnist'))).toEqual([]);
    expect(warnings(tinyVae())).toEqual([]);
  });
});
