import type { GraphFile } from '../../shared/graph/index';
import { loadExample, type ExampleName } from './examples';
import { tinyFactors, tinyFamilies, tinyMixture, tinyVae } from './tiny-graphs';

const locScale = [{ name: 'loc', positive: false }, { name: 'scale', positive: true }];
const logits = [{ name: 'logits', positive: false }];
const positive = (...names: string[]) => names.map((name) => ({ name, positive: true }));

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
  const examples: ExampleName[] = ['vae-mnist', 'classifier-mnist', 'vae-two-moons', 'mixture-enumeration', 'factors-mnist', 'gumbel-vae-mnist', 'kumaraswamy-beta-mnist'];
  return [
    ...examples.map((name) => ({ name, doc: loadExample(name) })),
    { name: 'elbo, S = 5, β = 0.5', doc: tinyVae({ objective: { kind: 'elbo', samples: 5, beta: 0.5 } }) },
    { name: 'elbo, warm-up, free bits per dimension', doc: tinyVae({ objective: { kind: 'elbo', beta: 2, warmupSteps: 1000, freeBits: 0.25, freeBitsPer: 'dimension' } }) },
    { name: 'elbo, free bits per example, S = 3', doc: tinyVae({ objective: { kind: 'elbo', samples: 3, freeBits: 1e-8, freeBitsPer: 'example' } }) },
    { name: 'iwae', doc: tinyVae({ objective: { kind: 'iwae', samples: 10 } }) },
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
  ];
}
