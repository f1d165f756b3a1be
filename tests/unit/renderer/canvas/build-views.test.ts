import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeGraph, parseGraphFile, type Graph } from '../../../../shared/graph/index';
import { buildEdgeData, buildNodeViews } from '../../../../renderer/canvas/buildViews';
import { freeSpotNear } from '../../../../renderer/canvas/placement';

const vae = parseGraphFile(readFileSync(fileURLToPath(new URL('../../../../assets/examples/vae-mnist.json', import.meta.url)), 'utf8'));

describe('buildNodeViews', () => {
  it('gives each node its summary, role and typed ports', () => {
    const a = analyzeGraph(vae.graph);
    const views = buildNodeViews(vae.graph, a, a.problems);
    const enc = views.get('encoder')!;
    expect(enc.summary).toBe('MLP 784→400→{loc 20, scale 20}');
    expect(enc.category).toBe('network');
    expect(enc.inputs.map((p) => p.name)).toEqual(['in']);
    expect(enc.outputs.map((p) => [p.name, p.inferred])).toEqual([
      ['loc', '[20]'],
      ['scale', '[20]'],
    ]);
    expect(views.get('q_z')!.role).toBe('posterior');
    expect(views.get('z')!.inputs.find((p) => p.name === 'posterior')!.connected).toBe(true);
  });

  it('badges an ADVI latent with its transform and plate before its estimator, and says them in the tooltip', () => {
    const advi = parseGraphFile(readFileSync(fileURLToPath(new URL('../../../../assets/examples/advi-weibull-poisson.json', import.meta.url)), 'utf8'));
    const a = analyzeGraph(advi.graph);
    const rate = buildNodeViews(advi.graph, a, a.problems).get('rate')!;
    expect(rate.summary).toBe('Weibull [1], latent, global, = exp(ζ)');
    expect(rate.estimator?.badge).toBe('exp(ζ) · global · reparam.');
    expect(rate.estimator?.title).toBe('ADVI: q is over an unconstrained ζ and this latent is exp(ζ), the log-Jacobian added to log p; one value for the whole data set (global), its KL shared by the N training examples. Gradient estimator: reparameterisation (z = μ + σ·ε)');
    expect(buildNodeViews(vae.graph, analyzeGraph(vae.graph), []).get('z')!.estimator?.badge).toBe('reparam.');
  });

  it('puts problems on the node and on the offending port', () => {
    const graph: Graph = { nodes: vae.graph.nodes, edges: vae.graph.edges.filter((e) => e.id !== 'e4') };
    const a = analyzeGraph(graph);
    const z = buildNodeViews(graph, a, a.problems).get('z')!;
    expect(z.errors).toBeGreaterThan(0);
    expect(z.inputs.find((p) => p.name === 'posterior')!.problem?.severity).toBe('error');
  });

  it('still shows the ports of a node whose settings are invalid', () => {
    const graph: Graph = { nodes: vae.graph.nodes.map((n) => (n.id === 'decoder' ? { ...n, params: { ...n.params, hidden: [0] } } : n)), edges: vae.graph.edges };
    const a = analyzeGraph(graph);
    const dec = buildNodeViews(graph, a, a.problems).get('decoder')!;
    expect(dec.outputs.map((p) => p.name)).toEqual(['logits']);
    expect(dec.summary).toContain('invalid settings');
  });
});

describe('buildEdgeData', () => {
  it('labels each edge with the shape its source gives', () => {
    const a = analyzeGraph(vae.graph);
    const data = buildEdgeData(vae.graph, a, a.problems);
    expect(data.get('e1')!.label).toBe('[784]');
    expect(data.get('e4')!.flow).toBe('distribution');
  });
});

describe('freeSpotNear', () => {
  it('uses the centre when it is free, and never lands on a node otherwise', () => {
    expect(freeSpotNear({ x: 500, y: 300 }, [])).toEqual({ x: 396, y: 245 });
    const taken = [{ x: 396, y: 245, width: 208, height: 160 }];
    const p = freeSpotNear({ x: 500, y: 300 }, taken);
    const clear = p.x >= 396 + 208 || p.x + 208 <= 396 || p.y >= 245 + 160 || p.y + 140 <= 245;
    expect(clear).toBe(true);
  });
});
