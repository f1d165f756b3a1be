import { makeGraphFile, type GraphFile, type GraphFileInput } from '../../shared/graph/index';

type Training = NonNullable<GraphFileInput['training']>;

/** A small VAE on two moons: 2-D data, a 2-D latent, tiny smooth MLPs (fast, for engine tests). */
export function tinyVae(training: Partial<Training> = {}, hidden = [16]): GraphFile {
  return makeGraphFile({
    graph: {
      nodes: [
        { id: 'd', kind: 'data.twoMoons', name: 'moons', params: { n: 400, noise: 0.1, seed: 1 } },
        { id: 'enc', kind: 'network.mlp', name: 'encoder', params: { hidden, activation: 'tanh', heads: [{ name: 'loc', size: 2 }, { name: 'scale', size: 2, activation: 'softplus' }] } },
        { id: 'q', kind: 'dist.normal', name: 'q_z', params: { role: 'posterior' } },
        { id: 'z', kind: 'dist.normal', name: 'z', params: { role: 'latent', size: 2 } },
        { id: 'dec', kind: 'network.mlp', name: 'decoder', params: { hidden, activation: 'tanh', heads: [{ name: 'loc', size: 2 }] } },
        { id: 's', kind: 'param.learnable', name: 'noise', params: { size: 2, init: 0.5, constraint: 'positive' } },
        { id: 'x', kind: 'dist.normal', name: 'x', params: { role: 'observed' } },
      ],
      edges: [
        { id: 'e1', source: { node: 'd', port: 'x' }, target: { node: 'enc', port: 'in' } },
        { id: 'e2', source: { node: 'enc', port: 'loc' }, target: { node: 'q', port: 'loc' } },
        { id: 'e3', source: { node: 'enc', port: 'scale' }, target: { node: 'q', port: 'scale' } },
        { id: 'e4', source: { node: 'q', port: 'q' }, target: { node: 'z', port: 'posterior' } },
        { id: 'e5', source: { node: 'z', port: 'sample' }, target: { node: 'dec', port: 'in' } },
        { id: 'e6', source: { node: 'dec', port: 'loc' }, target: { node: 'x', port: 'loc' } },
        { id: 'e7', source: { node: 's', port: 'out' }, target: { node: 'x', port: 'scale' } },
        { id: 'e8', source: { node: 'd', port: 'x' }, target: { node: 'x', port: 'value' } },
      ],
    },
    training: { batchSize: 32, duration: { steps: 60 }, seed: 3, evalEvery: 20, ...training },
  });
}
