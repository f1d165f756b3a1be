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

/**
 * A Gaussian mixture on 2-D data: c ~ Cat(softmax(prior logits, learnt)), x | c ~ N(μ_c, σ_c²)
 * with μ_c, σ_c from a linear map of the one-hot c (an MLP without hidden layers). With a posterior,
 * q(c | x) = Cat(encoder(x)); without one (enumeration only), c is summed out exactly.
 */
export function tinyMixture(options: { estimator: string; posterior?: boolean; baseline?: string; components?: number; latent?: Record<string, unknown> }, training: Partial<Training> = {}): GraphFile {
  const K = options.components ?? 3;
  const posterior = options.posterior ?? true;
  return makeGraphFile({
    graph: {
      nodes: [
        { id: 'd', kind: 'data.gaussianMixture', name: 'blobs', params: { n: 600, components: K, std: 0.3, radius: 2, seed: 4 } },
        { id: 'pi', kind: 'param.learnable', name: 'prior_logits', params: { size: K, init: 0 } },
        { id: 'c', kind: 'dist.categorical', name: 'c', params: { role: 'latent', size: K, estimator: options.estimator, ...(options.baseline ? { baseline: options.baseline } : {}), ...options.latent } },
        { id: 'dec', kind: 'network.mlp', name: 'components', params: { hidden: [], activation: 'tanh', heads: [{ name: 'loc', size: 2 }, { name: 'scale', size: 2, activation: 'softplus' }] } },
        { id: 'x', kind: 'dist.normal', name: 'x', params: { role: 'observed' } },
        ...(posterior
          ? [
              { id: 'enc', kind: 'network.mlp', name: 'encoder', params: { hidden: [16], activation: 'tanh', heads: [{ name: 'logits', size: K }] } },
              { id: 'q', kind: 'dist.categorical', name: 'q_c', params: { role: 'posterior' } },
            ]
          : []),
      ],
      edges: [
        { id: 'e1', source: { node: 'pi', port: 'out' }, target: { node: 'c', port: 'logits' } },
        { id: 'e2', source: { node: 'c', port: 'sample' }, target: { node: 'dec', port: 'in' } },
        { id: 'e3', source: { node: 'dec', port: 'loc' }, target: { node: 'x', port: 'loc' } },
        { id: 'e4', source: { node: 'dec', port: 'scale' }, target: { node: 'x', port: 'scale' } },
        { id: 'e5', source: { node: 'd', port: 'x' }, target: { node: 'x', port: 'value' } },
        ...(posterior
          ? [
              { id: 'e6', source: { node: 'd', port: 'x' }, target: { node: 'enc', port: 'in' } },
              { id: 'e7', source: { node: 'enc', port: 'logits' }, target: { node: 'q', port: 'logits' } },
              { id: 'e8', source: { node: 'q', port: 'q' }, target: { node: 'c', port: 'posterior' } },
            ]
          : []),
      ],
    },
    training: { batchSize: 32, duration: { steps: 60 }, seed: 5, evalEvery: 1000, optimizer: { kind: 'adam', learningRate: 0.03 }, ...training },
  });
}

/**
 * Binary latent factors on 2-D data: n Bernoulli latents z ~ Bern(σ(prior logits)),
 * x | z ~ N(Wz + b, σ²), q(z | x) = Bern(σ(encoder(x))); a learned baseline, when asked for, is an
 * MLP b(x) wired into the latent's baseline port.
 */
export function tinyFactors(options: { estimator: string; baseline?: string; factors?: number; latent?: Record<string, unknown> }, training: Partial<Training> = {}): GraphFile {
  const n = options.factors ?? 3;
  const learned = options.baseline === 'learned';
  return makeGraphFile({
    graph: {
      nodes: [
        { id: 'd', kind: 'data.twoMoons', name: 'moons', params: { n: 400, noise: 0.1, seed: 1 } },
        { id: 'enc', kind: 'network.mlp', name: 'encoder', params: { hidden: [8], activation: 'tanh', heads: [{ name: 'logits', size: n }] } },
        { id: 'q', kind: 'dist.bernoulli', name: 'q_z', params: { role: 'posterior' } },
        { id: 'z', kind: 'dist.bernoulli', name: 'z', params: { role: 'latent', size: n, estimator: options.estimator, ...(options.baseline ? { baseline: options.baseline } : {}), ...options.latent } },
        { id: 'dec', kind: 'network.mlp', name: 'decoder', params: { hidden: [], activation: 'tanh', heads: [{ name: 'loc', size: 2 }] } },
        { id: 's', kind: 'param.learnable', name: 'noise', params: { size: 2, init: 0.5, constraint: 'positive' } },
        { id: 'x', kind: 'dist.normal', name: 'x', params: { role: 'observed' } },
        ...(learned ? [{ id: 'b', kind: 'network.mlp', name: 'baseline', params: { hidden: [8], activation: 'tanh', heads: [{ name: 'b', size: 1 }] } }] : []),
      ],
      edges: [
        { id: 'e1', source: { node: 'd', port: 'x' }, target: { node: 'enc', port: 'in' } },
        { id: 'e2', source: { node: 'enc', port: 'logits' }, target: { node: 'q', port: 'logits' } },
        { id: 'e3', source: { node: 'q', port: 'q' }, target: { node: 'z', port: 'posterior' } },
        { id: 'e4', source: { node: 'z', port: 'sample' }, target: { node: 'dec', port: 'in' } },
        { id: 'e5', source: { node: 'dec', port: 'loc' }, target: { node: 'x', port: 'loc' } },
        { id: 'e6', source: { node: 's', port: 'out' }, target: { node: 'x', port: 'scale' } },
        { id: 'e7', source: { node: 'd', port: 'x' }, target: { node: 'x', port: 'value' } },
        ...(learned
          ? [
              { id: 'e8', source: { node: 'd', port: 'x' }, target: { node: 'b', port: 'in' } },
              { id: 'e9', source: { node: 'b', port: 'b' }, target: { node: 'z', port: 'baseline' } },
            ]
          : []),
      ],
    },
    training: { batchSize: 32, duration: { steps: 60 }, seed: 7, evalEvery: 1000, optimizer: { kind: 'adam', learningRate: 0.01 }, ...training },
  });
}

/**
 * A two-moons VAE whose 2-D latent and posterior are of any families: z ~ latent kind (its
 * parameters constants from `prior`), q(z | x) = posterior kind with each of its `ports` fed by an
 * encoder head (softplus-activated where the port must be positive), x | z ~ N(decoder(z), σ²).
 */
export function tinyFamilies(options: {
  latent: string;
  prior?: Record<string, unknown>;
  posterior: string;
  ports: ReadonlyArray<{ name: string; positive: boolean }>;
  estimator?: string;
  size?: number;
}, training: Partial<Training> = {}): GraphFile {
  const n = options.size ?? 2;
  return makeGraphFile({
    graph: {
      nodes: [
        { id: 'd', kind: 'data.twoMoons', name: 'moons', params: { n: 400, noise: 0.1, seed: 1 } },
        { id: 'enc', kind: 'network.mlp', name: 'encoder', params: { hidden: [16], activation: 'tanh', heads: options.ports.map((p) => ({ name: p.name, size: n, ...(p.positive ? { activation: 'softplus' } : {}) })) } },
        { id: 'q', kind: options.posterior, name: 'q_z', params: { role: 'posterior' } },
        { id: 'z', kind: options.latent, name: 'z', params: { role: 'latent', size: n, ...(options.estimator ? { estimator: options.estimator } : {}), ...options.prior } },
        { id: 'dec', kind: 'network.mlp', name: 'decoder', params: { hidden: [16], activation: 'tanh', heads: [{ name: 'loc', size: 2 }] } },
        { id: 's', kind: 'param.learnable', name: 'noise', params: { size: 2, init: 0.5, constraint: 'positive' } },
        { id: 'x', kind: 'dist.normal', name: 'x', params: { role: 'observed' } },
      ],
      edges: [
        { id: 'e1', source: { node: 'd', port: 'x' }, target: { node: 'enc', port: 'in' } },
        ...options.ports.map((p, i) => ({ id: `eq${i}`, source: { node: 'enc', port: p.name }, target: { node: 'q', port: p.name } })),
        { id: 'e3', source: { node: 'q', port: 'q' }, target: { node: 'z', port: 'posterior' } },
        { id: 'e4', source: { node: 'z', port: 'sample' }, target: { node: 'dec', port: 'in' } },
        { id: 'e5', source: { node: 'dec', port: 'loc' }, target: { node: 'x', port: 'loc' } },
        { id: 'e6', source: { node: 's', port: 'out' }, target: { node: 'x', port: 'scale' } },
        { id: 'e7', source: { node: 'd', port: 'x' }, target: { node: 'x', port: 'value' } },
      ],
    },
    training: { batchSize: 32, duration: { steps: 60 }, seed: 9, evalEvery: 1000, optimizer: { kind: 'adam', learningRate: 0.01 }, ...training },
  });
}
