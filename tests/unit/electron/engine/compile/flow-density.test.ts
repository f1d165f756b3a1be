import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { prepareTraining } from '../../../../../electron/engine/train/trainer';
import type { GraphFile } from '../../../../../shared/graph/index';
import { loadExample } from '../../../../helpers/examples';

beforeAll(async () => {
  await initBackend('wasm');
});

/** The MAF template cut to its first step: moons → made1 → step1 → Flow density x. */
function oneStepFlow(): GraphFile {
  const doc = loadExample('maf-two-moons');
  const keep = new Set(['moons', 'made1', 'step1', 'x']);
  const edges = doc.graph.edges.filter((e) => keep.has(e.source.node) && keep.has(e.target.node));
  edges.push({ id: 'u1', source: { node: 'step1', port: 'out' }, target: { node: 'x', port: 'u' } });
  return { ...doc, graph: { nodes: doc.graph.nodes.filter((n) => keep.has(n.id)), edges } };
}

/** The same MADE wired straight into an observed Normal: x ~ N(m(x), exp(s(x))²), an autoregressive Gaussian. */
function autoregressiveNormal(): GraphFile {
  const doc = loadExample('maf-two-moons');
  const nodes = [
    doc.graph.nodes.find((n) => n.id === 'moons')!,
    doc.graph.nodes.find((n) => n.id === 'made1')!,
    { id: 'x', kind: 'dist.normal', name: 'x', params: { role: 'observed', scaleLink: 'exp' } },
  ];
  const edges = [
    { id: 'a', source: { node: 'moons', port: 'x' }, target: { node: 'made1', port: 'in' } },
    { id: 'b', source: { node: 'made1', port: 'shift' }, target: { node: 'x', port: 'loc' } },
    { id: 'c', source: { node: 'made1', port: 'logScale' }, target: { node: 'x', port: 'scale' } },
    { id: 'd', source: { node: 'moons', port: 'x' }, target: { node: 'x', port: 'value' } },
  ];
  return { ...doc, graph: { nodes, edges } };
}

describe('a compiled Flow density', () => {
  it('with one step is the autoregressive Normal N(x; m(x), exp(s(x))²) of the engine, to float precision', () => {
    // Same seed and the MADE at the same place in graph order: the two graphs start from the same weights.
    const flow = prepareTraining(oneStepFlow(), '.');
    const normal = prepareTraining(autoregressiveNormal(), '.');
    const rows = flow.data.train.columns.x!.values.subarray(0, 2 * 64);
    const batch = { x: tf.tensor2d(rows, [64, 2]) };
    const a = flow.model.run(batch, 0).elbo.arraySync();
    const b = normal.model.run(batch, 0).elbo.arraySync();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 4);
    // And a real density, not a constant: the rows differ.
    expect(Math.max(...a) - Math.min(...a)).toBeGreaterThan(0.5);
    flow.model.dispose();
    normal.model.dispose();
    batch.x.dispose();
  });
});
