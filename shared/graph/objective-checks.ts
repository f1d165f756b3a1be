import type { AnalyzedNode } from './analyze';
import { estimatorOf, type Estimator } from './catalog/random-variable';
import { observedWhereKnown } from './catalog/known-labels';
import type { TrainingSettings } from './document';
import type { ProblemList } from './problems';

/** The estimator a latent node uses (its setting, else its family's default). */
export function latentEstimator(a: AnalyzedNode): Estimator {
  const spec = a.kind.family;
  if (!spec) throw new Error(`internal: ${a.node.name} is not a random variable`);
  return estimatorOf(spec, a.params);
}

/**
 * Checks that go beyond one node: the latents' estimators against the objective of the training
 * settings, and against each other. Each problem points at the latent whose setting clashes.
 */
export function objectiveChecks(nodes: ReadonlyMap<string, AnalyzedNode>, training: TrainingSettings, problems: ProblemList): void {
  const latents = [...nodes.values()].filter((a) => a.kind.category === 'distribution' && a.params.role === 'latent');
  const objective = training.objective;
  const enumerated = latents.filter((a) => latentEstimator(a) === 'enumeration');
  const withQ = enumerated.filter((a) => (a.inputs.posterior?.length ?? 0) > 0);
  for (const a of latents) {
    const est = latentEstimator(a);
    const at = { nodeId: a.node.id, param: 'estimator' };
    const name = a.node.name;
    if (est === 'score-function' && a.params.baseline === 'leave-one-out' && objective.samples < 2) {
      problems.error('estimator-objective', `latent ${name} uses the leave-one-out baseline, which compares several samples of each example: set the objective's samples to 2 or more`, { nodeId: a.node.id, param: 'baseline' });
    }
    if (objective.kind === 'iwae') {
      const ok = est === 'reparameterisation' || (est === 'score-function' && a.params.baseline === 'leave-one-out') || (est === 'enumeration' && (a.inputs.posterior?.length ?? 0) === 0);
      if (!ok) {
        const why = est === 'score-function'
          ? 'with the score function it needs the leave-one-out baseline (VIMCO)'
          : est === 'enumeration'
            ? 'it sums enumerated latents out exactly, so an enumerated latent takes no approximate posterior'
            : `it needs reparameterised latents (or the score function with the leave-one-out baseline), not ${est}`;
        problems.error('estimator-objective', `the importance-weighted bound cannot train latent ${name}: ${why}`, at);
      }
    }
    if (a.params.plate === 'global') {
      const at2 = { nodeId: a.node.id, param: 'plate' };
      if (objective.kind === 'iwae') problems.error('estimator-objective', `the importance-weighted bound cannot train global latent ${name}: its weights would need the whole data set's likelihood at once; use the ELBO`, at2);
      else if (objective.freeBits > 0) problems.error('estimator-objective', `free bits clamp a per-example KL, and latent ${name} is global (its KL is shared by the whole data set): set free bits to 0 or make ${name} per-example`, at2);
    }
    if (observedWhereKnown(a.params) && objective.kind === 'elbo' && objective.freeBits > 0) {
      problems.error('estimator-objective', `free bits clamp a KL averaged over the batch, and latent ${name} is observed on the labelled rows (no KL there): set free bits to 0`, { nodeId: a.node.id, param: 'observedWhereKnown' });
    }
    if (enumerated.length > 0 && est === 'score-function') {
      problems.error('estimator-objective', `latent ${name} uses the score function while ${enumerated.map((e) => e.node.name).join(', ')} ${enumerated.length > 1 ? 'are' : 'is'} enumerated: combine enumeration with reparameterised or relaxed latents only`, at);
    }
  }
  if (withQ.length > 0 && withQ.length < enumerated.length) {
    const without = enumerated.filter((a) => !withQ.includes(a));
    for (const a of without) {
      problems.error('estimator-objective', `enumerated latent ${a.node.name} has no approximate posterior while ${withQ.map((e) => e.node.name).join(', ')} ${withQ.length > 1 ? 'have' : 'has'} one: give every enumerated latent a posterior, or none`, { nodeId: a.node.id, port: 'posterior' });
    }
  }
}
