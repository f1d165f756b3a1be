import { makeGraphFile, type GraphFile, type GraphFileInput } from '../../shared/graph/index';
import { loadExample, type ExampleName } from './examples';
import { tinyFactors, tinyFamilies, tinyMixture, tinyVae } from './tiny-graphs';

const locScale = [{ name: 'loc', positive: false }, { name: 'scale', positive: true }];
const logits = [{ name: 'logits', positive: false }];
const positive = (...names: string[]) => names.map((name) => ({ name, positive: true }));

/**
 * Two levels of latents on two moons: z1 ~ N(0, I), z2 | z1 ~ N(prior_net_loc(z1), prior_net_scale(z1)²),
 * x | z2 ~ N(decoder(z2), noise²); q(z1 | x) and q(z2 | x) from one encoder with four heads.
 */
export function hierarchy(training: NonNullable<GraphFileInput['training']> = {}): GraphFile {
  const heads = ['loc1', 'scale1', 'loc2', 'scale2'].map((name) => ({ name, size: 2, ...(name.startsWith('scale') ? { activation: 'softplus' } : {}) }));
  const edge = (id: string, from: string, out: string, to: string, port: string) => ({ id, source: { node: from, port: out }, target: { node: to, port } });
  return makeGraphFile({
    graph: {
      nodes: [
        { id: 'd', kind: 'data.twoMoons', name: 'moons', params: {} },
        { id: 'enc', kind: 'network.mlp', name: 'encoder', params: { hidden: [8], heads } },
        { id: 'q1', kind: 'dist.normal', name: 'q1', params: { role: 'posterior' } },
        { id: 'q2', kind: 'dist.normal', name: 'q2', params: { role: 'posterior' } },
        { id: 'z1', kind: 'dist.normal', name: 'z1', params: { role: 'latent', size: 2 } },
        { id: 'pn', kind: 'network.mlp', name: 'prior_net', params: { hidden: [8], heads: [{ name: 'loc', size: 2 }, { name: 'scale', size: 2, activation: 'softplus' }] } },
        { id: 'z2', kind: 'dist.normal', name: 'z2', params: { role: 'latent', size: 2 } },
        { id: 'dec', kind: 'network.mlp', name: 'decoder', params: { hidden: [8], heads: [{ name: 'loc', size: 2 }] } },
        { id: 's', kind: 'param.learnable', name: 'noise', params: { size: 2, init: 0.5, constraint: 'positive' } },
        { id: 'x', kind: 'dist.normal', name: 'x', params: { role: 'observed' } },
      ],
      edges: [
        edge('e1', 'd', 'x', 'enc', 'in'),
        edge('e2', 'enc', 'loc1', 'q1', 'loc'), edge('e3', 'enc', 'scale1', 'q1', 'scale'),
        edge('e4', 'enc', 'loc2', 'q2', 'loc'), edge('e5', 'enc', 'scale2', 'q2', 'scale'),
        edge('e6', 'q1', 'q', 'z1', 'posterior'), edge('e7', 'q2', 'q', 'z2', 'posterior'),
        edge('e8', 'z1', 'sample', 'pn', 'in'), edge('e9', 'pn', 'loc', 'z2', 'loc'), edge('e10', 'pn', 'scale', 'z2', 'scale'),
        edge('e11', 'z2', 'sample', 'dec', 'in'), edge('e12', 'dec', 'loc', 'x', 'loc'), edge('e13', 's', 'out', 'x', 'scale'),
        edge('e14', 'd', 'x', 'x', 'value'),
      ],
    },
    training,
  });
}

/** The VAE with a linear scale head and the posterior's softplus scale link (the link, not the network, makes σ positive). */
export function softplusLink(): GraphFile {
  const doc = tinyVae();
  const enc = doc.graph.nodes.find((n) => n.id === 'enc')!;
  enc.params.heads = (enc.params.heads as Array<{ name: string }>).map((h) => ({ ...h, activation: 'linear' }));
  doc.graph.nodes.find((n) => n.id === 'q')!.params.scaleLink = 'softplus';
  return doc;
}

/** A VAE whose nodes have names that LaTeX would read as commands (they must be escaped, not pasted). */
function awkwardNames(): GraphFile {
  const doc = tinyVae();
  const rename: Record<string, string> = { enc: 'enc_{1} #$%&~^\\', q: 'q z', z: 'z_2', dec: 'décodeur "β"', x: 'x' };
  for (const n of doc.graph.nodes) if (rename[n.id]) n.name = rename[n.id]!;
  return doc;
}

/**
 * Graphs covering every family (as prior, posterior or likelihood), every estimator and baseline,
 * every objective option, enumeration with and without a posterior, and awkward node names: the
 * maths of each must be valid LaTeX. Each is a valid graph (the tests check that too).
 */
export function mathsCoverage(): Array<{ name: string; doc: GraphFile }> {
  const examples: ExampleName[] = ['vae-mnist', 'classifier-mnist', 'vae-two-moons', 'mixture-enumeration', 'factors-mnist', 'gumbel-vae-mnist', 'kumaraswamy-beta-mnist', 'maf-two-moons', 'cvae-mnist', 'iaf-vae-mnist', 'sentence-vae-text', 'm2-mnist', 'regressor-sine'];
  return [
    ...examples.map((name) => ({ name, doc: loadExample(name) })),
    { name: 'elbo, S = 5, β = 0.5', doc: tinyVae({ objective: { kind: 'elbo', samples: 5, beta: 0.5 } }) },
    { name: 'elbo, warm-up, free bits per dimension', doc: tinyVae({ objective: { kind: 'elbo', beta: 2, warmupSteps: 1000, freeBits: 0.25, freeBitsPer: 'dimension' } }) },
    { name: 'elbo, free bits per example, S = 3', doc: tinyVae({ objective: { kind: 'elbo', samples: 3, freeBits: 1e-8, freeBitsPer: 'example' } }) },
    { name: 'iwae', doc: tinyVae({ objective: { kind: 'iwae', samples: 10 } }) },
    { name: 'iaf posterior, iwae', doc: { ...loadExample('iaf-vae-mnist'), training: { ...loadExample('iaf-vae-mnist').training, objective: { kind: 'iwae', samples: 5 } } } },
    { name: 'beta / kumaraswamy', doc: tinyFamilies({ latent: 'dist.beta', posterior: 'dist.kumaraswamy', ports: positive('concentration1', 'concentration0'), prior: { concentration1: 1, concentration0: 5 } }) },
    { name: 'beta / beta, score function', doc: tinyFamilies({ latent: 'dist.beta', posterior: 'dist.beta', ports: positive('concentration1', 'concentration0'), estimator: 'score-function' }) },
    { name: 'gamma / weibull', doc: tinyFamilies({ latent: 'dist.gamma', posterior: 'dist.weibull', ports: positive('scale', 'concentration') }) },
    { name: 'gamma / lognormal', doc: tinyFamilies({ latent: 'dist.gamma', posterior: 'dist.logNormal', ports: locScale }) },
    { name: 'laplace / laplace', doc: tinyFamilies({ latent: 'dist.laplace', posterior: 'dist.laplace', ports: locScale }) },
    { name: 'normal / laplace (Monte Carlo KL)', doc: tinyFamilies({ latent: 'dist.normal', posterior: 'dist.laplace', ports: locScale }) },
    { name: 'normal, score function, S = 2 (Monte Carlo signal)', doc: tinyFamilies({ latent: 'dist.normal', posterior: 'dist.laplace', ports: locScale, estimator: 'score-function' }, { objective: { kind: 'elbo', samples: 2 } }) },
    { name: 'relaxed bernoulli', doc: tinyFamilies({ latent: 'dist.relaxedBernoulli', posterior: 'dist.relaxedBernoulli', ports: logits, prior: { temperature: 0.5 } }) },
    { name: 'concrete', doc: tinyFamilies({ latent: 'dist.concrete', posterior: 'dist.concrete', ports: logits, prior: { temperature: 0.5, groups: 2 }, size: 4 }) },
    { name: 'poisson, score function', doc: tinyFamilies({ latent: 'dist.poisson', posterior: 'dist.poisson', ports: positive('rate'), estimator: 'score-function' }) },
    ...(['none', 'moving-average', 'standardised', 'learned'] as const).map((baseline) => ({ name: `factors, score function, ${baseline}`, doc: tinyFactors({ estimator: 'score-function', baseline }) })),
    { name: 'factors, leave-one-out', doc: tinyFactors({ estimator: 'score-function', baseline: 'leave-one-out' }, { objective: { kind: 'elbo', samples: 4 } }) },
    { name: 'factors, VIMCO', doc: tinyFactors({ estimator: 'score-function', baseline: 'leave-one-out' }, { objective: { kind: 'iwae', samples: 4 } }) },
    { name: 'factors, relaxed, constant τ', doc: tinyFactors({ estimator: 'relaxed', latent: { temperature: 0.7 } }) },
    { name: 'factors, straight-through', doc: tinyFactors({ estimator: 'straight-through', latent: { temperatureDecay: 0.001 } }) },
    { name: 'factors, enumeration', doc: tinyFactors({ estimator: 'enumeration' }) },
    { name: 'mixture summed out', doc: tinyMixture({ estimator: 'enumeration', posterior: false }) },
    { name: 'mixture summed out, IWAE', doc: tinyMixture({ estimator: 'enumeration', posterior: false }, { objective: { kind: 'iwae', samples: 3 } }) },
    { name: 'mixture, score function', doc: tinyMixture({ estimator: 'score-function', baseline: 'standardised' }) },
    { name: 'mixture, straight-through', doc: tinyMixture({ estimator: 'straight-through' }) },
    { name: 'awkward names', doc: awkwardNames() },
    { name: 'hierarchy', doc: hierarchy() },
    { name: 'softplus scale link', doc: softplusLink() },
    { name: 'gamma / weibull, exp link', doc: (() => { const d = tinyFamilies({ latent: 'dist.gamma', posterior: 'dist.weibull', ports: [{ name: 'scale', positive: false }, { name: 'concentration', positive: false }] }); d.graph.nodes.find((n) => n.id === 'q')!.params.positiveLink = 'exp'; return d; })() },
    { name: 'hierarchy, S = 3, free bits per example', doc: hierarchy({ objective: { kind: 'elbo', samples: 3, freeBits: 0.5, freeBitsPer: 'example' } }) },
  ];
}
