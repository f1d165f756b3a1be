/**
 * A latent Categorical observed where its label is known (the semi-supervised VAE, M2 of Kingma et
 * al., 2014): the label column, −1 on the rows whose label was withheld, enters the latent's
 * `known` port; the ELBO sums over the classes with per-row weights, one-hot at the label where it
 * is known and q(y | x) elsewhere, and adds α · log q(y | x) on the labelled rows.
 */
import type { InferContext, PortSpec } from './kind';
import type { Estimator } from './random-variable';

/** The settings of a Categorical that bear on being observed where known. */
export interface KnownLabelParams {
  readonly role: string;
  readonly estimator?: string | undefined;
  readonly groups: number;
  readonly observedWhereKnown: boolean;
  readonly classificationWeight: number;
}

/** Whether a node is a latent observed where its label is known. */
export function observedWhereKnown(params: object): boolean {
  const p = params as Partial<KnownLabelParams>;
  return p.role === 'latent' && p.observedWhereKnown === true;
}

/** The port that takes the label column, on a latent observed where known. */
export function knownPorts(p: KnownLabelParams): PortSpec[] {
  if (!observedWhereKnown(p)) return [];
  return [{ name: 'known', direction: 'in', accepts: ['data'], description: 'the label where it is known (−1 where it is not): there the latent is observed, elsewhere summed over with q', shape: 'class of n' }];
}

/**
 * Checks a latent observed where known: a label column of its classes in `known`, a posterior
 * q(y | x) (the classifier), enumeration over one group of classes. Each message names the latent.
 */
export function checkKnownLabels(ctx: InferContext<KnownLabelParams>, size: number | null, est: Estimator): void {
  const { node, params, inputs, problems } = ctx;
  if (!observedWhereKnown(params)) return;
  const at = { nodeId: node.id };
  const name = node.name;
  const known = inputs.known?.[0];
  if (!known) {
    problems.error('known-labels', `latent ${name} is observed where its label is known, but no label column is wired into its 'known' port: connect the data set's label to it (or turn off "observed where known")`, { ...at, port: 'known' });
  } else if (known.type.domain !== 'index' || (known.type.size !== null && known.type.size !== 1)) {
    problems.error('known-labels', `the 'known' port of latent ${name} takes one class index per example; ${known.sourceLabel} holds ${known.type.domain === 'index' ? `${known.type.size} indices per example` : `${known.type.size ?? 'some'} ${known.type.domain} values`}`, { ...at, port: 'known', edgeId: known.edgeId });
  } else if (known.type.categories != null && size !== null && known.type.categories !== size) {
    problems.error('known-labels', `latent ${name} has ${size} classes, but its label ${known.sourceLabel} has ${known.type.categories}`, { ...at, port: 'known', edgeId: known.edgeId });
  }
  if (est !== 'enumeration') {
    problems.error('known-labels', `latent ${name} is observed where its label is known and summed over its classes elsewhere: set its estimator to enumeration, not ${est}`, { ...at, param: 'estimator' });
  }
  // Other estimators require the posterior port anyway (and say so).
  if (est === 'enumeration' && (inputs.posterior?.length ?? 0) === 0) {
    problems.error('known-labels', `latent ${name} is observed where its label is known and needs an approximate posterior q(${name} | x) (a classifier) for the rows where it is not`, { ...at, port: 'posterior' });
  }
  if (params.groups !== 1) {
    problems.error('known-labels', `latent ${name} is observed where its label is known, one class per example: set its groups to 1`, { ...at, param: 'groups' });
  }
}
