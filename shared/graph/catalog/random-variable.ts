import { z } from 'zod';
import { defineKind, type Incoming, type InferContext, type NodeKind, type PortSpec } from './kind';
import { describeDomain, type Domain, type Family, type ValueType } from '../values';
import { CONSTRAINT_TRANSFORMS, describeTransform, transformImage, transformOf, transformsOnto, type ConstraintTransform } from '../constraint-transform';

export const ROLES = ['observed', 'latent', 'posterior'] as const;
export type Role = (typeof ROLES)[number];
export const ESTIMATORS = ['reparameterisation', 'score-function', 'relaxed', 'straight-through', 'enumeration'] as const;
export type Estimator = (typeof ESTIMATORS)[number];
/**
 * What a score-function estimator subtracts from its learning signal: nothing, a moving average of
 * it, a running standardisation (mean and standard deviation), a learned b(x) wired into the
 * latent's 'baseline' port, or the mean signal of the other samples of the same example.
 */
export const BASELINES = ['none', 'moving-average', 'standardised', 'learned', 'leave-one-out'] as const;
export type Baseline = (typeof BASELINES)[number];
/** The most configurations exact enumeration sums over (a Categorical's K^groups, Bernoullis' 2^n). */
export const ENUMERATION_LIMIT = 1024;
/**
 * Whether a latent has one value per example (in the data plate) or one value for the whole data
 * set (a global parameter, as ADVI's rate): a global latent's KL enters the per-example objective
 * divided by the number of training examples N, so that N times the objective is the data set's ELBO.
 */
export const PLATES = ['per-example', 'global'] as const;
export type Plate = (typeof PLATES)[number];

/** The params every random variable has, whatever its family. */
export const rvBaseParams = {
  /** Observed: bound to data, contributes log p(x | …). Latent: prior p(z | …) with an approximate posterior. Posterior: q(z | x) of a latent. */
  role: z.enum(ROLES).default('latent').describe('Role'),
  /** Event size; when left out it is read from what is connected. */
  size: z.number().int().min(1).max(100_000).optional().describe('Size'),
  /** Gradient estimator of a latent (ignored for other roles). */
  estimator: z.enum(ESTIMATORS).optional().describe('Estimator'),
  /** Score function: the baseline subtracted from the learning signal. */
  baseline: z.enum(BASELINES).default('moving-average').describe('Baseline'),
  /** Score function, moving-average and standardised baselines: the weight kept of the previous average per step. */
  baselineDecay: z.number().gt(0).lt(1).default(0.9).describe('Baseline decay'),
  /** Relaxed and straight-through: the temperature τ at step 0. */
  temperature: z.number().gt(0).max(100).default(1).describe('Temperature'),
  /** Relaxed and straight-through: τ is annealed as max(τ_min, τ·exp(−rate·step)). */
  temperatureMin: z.number().gt(0).max(100).default(0.5).describe('Minimum temperature'),
  temperatureDecay: z.number().min(0).max(1).default(0).describe('Temperature decay rate (per step)'),
  /** Latent: its approximate posterior is over an unconstrained ζ and the latent is T⁻¹(ζ) (ADVI); 'none': q is over the latent itself. */
  transform: z.enum(CONSTRAINT_TRANSFORMS).default('none').describe('Constraint transform'),
  /** Latent: one value per example, or one for the whole data set. */
  plate: z.enum(PLATES).default('per-example').describe('Plate'),
};

/** The estimator settings of a latent, as the engine reads them. */
export interface EstimatorParams {
  readonly estimator?: Estimator | undefined;
  readonly baseline: Baseline;
  readonly baselineDecay: number;
  readonly temperature: number;
  readonly temperatureMin: number;
  readonly temperatureDecay: number;
}

/** How an incoming raw value becomes a positive parameter: as it is (it must already be positive), softplus or exp. */
export const LINKS = ['none', 'softplus', 'exp'] as const;
export type Link = (typeof LINKS)[number];

/** One parameter port of a family, its constraint and the constant it takes when unconnected. */
export interface ParamPort {
  readonly name: string;
  readonly constraint: 'real' | 'positive';
  readonly description: string;
}

/** What differs between families; the rest of a random-variable node is shared. */
export interface FamilySpec<P> {
  readonly family: Family;
  readonly displayName: string;
  readonly description: string;
  readonly paramPorts: readonly ParamPort[];
  /** Domain of a sample (what the latent's output carries). */
  readonly support: Domain;
  /** Whether a draw can be reparameterised (z = g(ε, λ)), which the reparameterisation estimator needs of a posterior. */
  readonly hasRsample: boolean;
  /** Estimators this build can train for a latent of this family. */
  readonly trainableEstimators: readonly Estimator[];
  readonly defaultEstimator: Estimator;
  /** How many values a latent of this size can take (for enumeration); absent when continuous. */
  supportSize?(size: number, params: P): number;
  /** The number of independent one-hot groups the event splits into (Categorical); 1 when absent. */
  groups?(params: P): number;
  /** Why this family cannot observe a value of this type, or null when it can. */
  cannotObserve(t: ValueType): string | null;
  /** The event size implied by an observed value (Categorical: its classes). */
  observedSize(t: ValueType): number | null;
  /** For a positive port, the name of the param that holds its link (Normal's scale: 'scaleLink'). */
  readonly linkParams?: Readonly<Record<string, string>>;
  /** Parameters of the distribution that are settings, not ports (a relaxed family's temperature). */
  constants?(params: P): Record<string, number>;
  /** Further input ports of a latent of this family (a Categorical observed where known: its label). */
  latentPorts?(params: P): PortSpec[];
  /** Further checks of a latent of this family, once its size and estimator are known. */
  checkLatent?(ctx: InferContext<P>, size: number | null, estimator: Estimator): void;
  summaryExtra(params: P): string;
}

type RvParams = EstimatorParams & { role: Role; size?: number | undefined; transform?: ConstraintTransform | undefined; plate?: Plate | undefined };

/** The estimator a latent uses: its own setting, else its family's default. */
export function estimatorOf(spec: { defaultEstimator: Estimator }, params: { estimator?: Estimator | undefined }): Estimator {
  return params.estimator ?? spec.defaultEstimator;
}

/** The link applied to an incoming value on this port ('none' when the family has no link for it). */
export function linkOf(spec: FamilySpec<any>, params: object, port: string): Link {
  const name = spec.linkParams?.[port];
  return name ? ((params as Record<string, Link | undefined>)[name] ?? 'none') : 'none';
}

/** Every family's spec, by family, filled as the catalog defines its kinds (for cross-family posteriors). */
const SPECS = new Map<Family, FamilySpec<any>>();

/** The spec of a family, once its kind is defined. */
export function familySpec(family: Family): FamilySpec<any> | undefined {
  return SPECS.get(family);
}

/** Supports whose families may stand in for each other as posterior and prior (a Kumaraswamy q for a Beta p). */
const CONTINUOUS: readonly Domain[] = ['real', 'positive', 'unit', 'simplex'];

/** The ports of a random variable with this role. */
function rvPorts<P extends RvParams>(spec: FamilySpec<P>, p: P): PortSpec[] {
  const ports: PortSpec[] = spec.paramPorts.map((pp) => ({
    name: pp.name,
    direction: 'in',
    accepts: ['tensor', 'sample', 'data'],
    description: pp.description,
    shape: '[n] (a constant from the settings when unconnected)',
  }));
  if (p.role === 'observed') ports.push({ name: 'value', direction: 'in', accepts: ['data'], required: true, description: 'the data this variable observes', shape: spec.family === 'categorical' ? 'class of n' : '[n]' });
  if (p.role === 'latent') {
    const est = estimatorOf(spec, p);
    // Enumeration sums over every value exactly: without a q it marginalises the latent out.
    ports.push({ name: 'posterior', direction: 'in', accepts: ['distribution'], required: est !== 'enumeration', description: est === 'enumeration' ? 'the approximate posterior q (optional: without one the latent is summed out exactly)' : 'the approximate posterior q', shape: '[n]' });
    if (est === 'score-function' && p.baseline === 'learned') {
      ports.push({ name: 'baseline', direction: 'in', accepts: ['tensor'], required: true, description: 'a learned baseline b(x), one value per example, fitted to the learning signal by squared error', shape: '[1]' });
    }
    ports.push(...(spec.latentPorts?.(p) ?? []));
    ports.push({ name: 'sample', direction: 'out', flow: 'sample', description: 'z ~ q while training, z ~ p when generating', shape: spec.support === 'onehot' ? '[n] one-hot' : spec.support === 'simplex' ? '[n] probabilities' : '[n]' });
  }
  if (p.role === 'posterior') ports.push({ name: 'q', direction: 'out', flow: 'distribution', description: 'this distribution, as the approximate posterior of a latent', shape: '[n]' });
  return ports;
}

function rvInfer<P extends RvParams>(spec: FamilySpec<P>, ctx: InferContext<P>): Record<string, ValueType> {
  const { node, params, inputs, problems } = ctx;
  const fam = spec.displayName;
  const one = (port: string): Incoming | undefined => inputs[port]?.[0];
  const at = { nodeId: node.id };

  // The event size: observed data is the truth, then an explicit size, then the posterior, then the parameters.
  let size: number | null = null;
  const value = params.role === 'observed' ? one('value') : undefined;
  if (value) {
    const why = spec.cannotObserve(value.type);
    if (why) problems.error('domain-mismatch', `${fam} ${node.name} ${why}; ${value.sourceLabel} holds ${describeDomain(value.type.domain, value.type.categories)}`, { ...at, port: 'value', edgeId: value.edgeId });
    else {
      size = spec.observedSize(value.type);
      if (params.size !== undefined && size !== null && params.size !== size) {
        problems.error('size-mismatch', `${fam} ${node.name} has size ${params.size} but observes ${value.sourceLabel} of size ${size}`, { ...at, param: 'size' });
      }
    }
  }
  if (size === null && params.size !== undefined) size = params.size;
  const posterior = params.role === 'latent' ? one('posterior') : undefined;
  if (posterior) {
    const q = posterior.type;
    const qSpec = q.family ? SPECS.get(q.family) : undefined;
    const transform = transformOf(params);
    // A Flow posterior (IAF) is a density over real vectors: it serves a latent over real values.
    const flowOverReal = q.family === 'flow' && spec.support === 'real';
    const sameSupport = q.family === spec.family || flowOverReal || (qSpec !== undefined && qSpec.support === spec.support && CONTINUOUS.includes(spec.support));
    if (transform !== 'none') {
      const fits = checkTransform(spec, ctx, transform, posterior, qSpec);
      if (fits && size === null) size = q.size;
      else if (fits && q.size !== null && q.size !== size) {
        problems.error('size-mismatch', `approximate posterior ${posterior.sourceLabel} of latent ${node.name} has size ${q.size}; ${node.name} has size ${size}`, { ...at, port: 'posterior', edgeId: posterior.edgeId });
      }
    } else if (!sameSupport) {
      const alike = [...SPECS.values()].filter((o) => o.family !== spec.family && o.support === spec.support && CONTINUOUS.includes(spec.support)).map((o) => o.displayName);
      const allowed = [fam, ...alike].join(' or ');
      const flowNote = q.family === 'flow' ? ' (a Flow posterior is over real values: it serves latents over real values only)' : '';
      problems.error('posterior-support', `approximate posterior ${posterior.sourceLabel} of latent ${node.name} is ${qSpec?.displayName ?? (q.family === 'flow' ? 'a Flow posterior (IAF)' : q.family) ?? 'not a distribution'}; it must be ${allowed}, a family over the support of ${node.name} (${describeDomain(spec.support)})${flowNote}`, { ...at, port: 'posterior', edgeId: posterior.edgeId });
    } else if (size === null) size = q.size;
    else if (q.size !== null && q.size !== size) {
      problems.error('size-mismatch', `approximate posterior ${posterior.sourceLabel} of latent ${node.name} has size ${q.size}; ${node.name} has size ${size}`, { ...at, port: 'posterior', edgeId: posterior.edgeId });
    }
  }
  for (const pp of spec.paramPorts) {
    const inc = one(pp.name);
    if (!inc) continue;
    const width = inc.type.domain === 'index' ? null : inc.type.size;
    if (inc.type.domain === 'index') {
      problems.error('domain-mismatch', `${pp.name} of ${node.name} takes a vector; ${inc.sourceLabel} holds class indices`, { ...at, port: pp.name, edgeId: inc.edgeId });
      continue;
    }
    if (size === null) {
      size = width;
    } else if (width !== null && width !== size) {
      problems.error('size-mismatch', `${fam} ${node.name} needs ${pp.name} of size ${size}; ${inc.sourceLabel} gives ${width}`, { ...at, port: pp.name, edgeId: inc.edgeId });
    }
    if (pp.constraint === 'positive' && linkOf(spec, params, pp.name) === 'none' && !isPositive(inc.type)) {
      const linkParam = spec.linkParams?.[pp.name];
      const fix = linkParam ? ` or set ${node.name}'s ${linkParam === 'positiveLink' ? 'positive link' : `${pp.name} link`} to softplus` : '';
      problems.error('not-positive', `${pp.name} of ${node.name} must be positive, but ${inc.sourceLabel} gives ${describeDomain(inc.type.domain)}: give it a softplus activation${fix}`, { ...at, port: pp.name, edgeId: inc.edgeId, ...(linkParam ? { param: linkParam } : {}) });
    }
  }
  if (size === null && params.role !== 'latent') {
    problems.error('missing-input', `${fam} ${node.name} has no size: connect its parameters or set its size`, at);
  }

  if (params.role === 'latent') checkEstimator(spec, ctx, size, posterior?.type.family ? SPECS.get(posterior.type.family) : undefined, posterior?.type.family === 'flow');
  if (params.role === 'latent') spec.checkLatent?.(ctx, size, estimatorOf(spec, params));
  if (params.role === 'latent' && params.plate === 'global') checkGlobal(spec, ctx, posterior);

  const groups = spec.groups?.(params) ?? 1;
  if (groups > 1 && params.role === 'observed') {
    problems.error('invalid-param', `observed ${fam} ${node.name} observes one class per example; groups apply to latents and posteriors only`, { ...at, param: 'groups' });
  } else if (groups > 1 && size !== null && size % groups !== 0) {
    problems.error('size-mismatch', `${fam} ${node.name} has size ${size}, which does not split into ${groups} groups of equal size`, { ...at, param: 'groups' });
  }
  const perExample = Object.values(inputs).some((list) => list.some((i) => i.type.perExample));
  const sampleType: ValueType = spec.support === 'onehot' || spec.support === 'simplex'
    ? { flow: 'sample', size, domain: spec.support, categories: size === null ? null : size / groups, perExample: true }
    : { flow: 'sample', size, domain: spec.support, perExample: true };
  if (params.role === 'latent') return { sample: sampleType };
  if (params.role === 'posterior') return { q: { flow: 'distribution', size, domain: spec.support, perExample, family: spec.family } };
  return {};
}

/**
 * A latent with a constraint transform: its prior's support is the transform's image, and its
 * posterior is a family over real values (q is over the unconstrained ζ). Returns whether both hold.
 */
function checkTransform<P extends RvParams>(spec: FamilySpec<P>, ctx: InferContext<P>, transform: Exclude<ConstraintTransform, 'none'>, posterior: Incoming, qSpec: FamilySpec<any> | undefined): boolean {
  const { node, problems } = ctx;
  const at = { nodeId: node.id };
  const image = transformImage(transform);
  let ok = true;
  if (spec.support !== image) {
    const onto = transformsOnto(spec.support);
    const fix = onto.length ? `use ${onto.join(' or ')}, which map${onto.length === 1 ? 's' : ''} onto ${describeDomain(spec.support)}` : `a ${spec.displayName} prior takes no constraint transform: set it to none`;
    problems.error('transform-support', `latent ${node.name} has a ${spec.displayName} prior over ${describeDomain(spec.support)}, but its ${transform} transform maps ζ onto ${describeDomain(image)}: ${fix}`, { ...at, param: 'transform' });
    ok = false;
  }
  if (posterior.type.family !== 'flow' && (!qSpec || qSpec.support !== 'real')) {
    const real = [...SPECS.values()].filter((o) => o.support === 'real').map((o) => o.displayName).join(' or ');
    problems.error('posterior-support', `approximate posterior ${posterior.sourceLabel} of latent ${node.name} is ${qSpec?.displayName ?? 'not a distribution'}${qSpec ? `, over ${describeDomain(qSpec.support)}` : ''}; with the ${transform} transform (${node.name} = ${describeTransform(transform)}) q is over the unconstrained ζ and must be a family over real values (${real})`, { ...at, port: 'posterior', edgeId: posterior.edgeId });
    ok = false;
  }
  return ok;
}

/**
 * A global latent (one value for the whole data set) is trained by reparameterisation, and nothing
 * that defines it (its prior's parameters, its posterior) may differ per example.
 */
function checkGlobal<P extends RvParams>(spec: FamilySpec<P>, ctx: InferContext<P>, posterior: Incoming | undefined): void {
  const { node, params, inputs, problems } = ctx;
  const at = { nodeId: node.id };
  const est = estimatorOf(spec, params);
  if (est !== 'reparameterisation') {
    problems.error('estimator-unavailable', `global latent ${node.name} is trained by reparameterisation only (its KL is shared by every example of the data set), not ${est}: set its estimator to reparameterisation or make it per-example`, { ...at, param: 'estimator' });
  }
  if (posterior?.type.perExample) {
    problems.error('not-global', `latent ${node.name} is global (one value for the whole data set), but its approximate posterior ${posterior.sourceLabel} differs per example: give q learnable parameters, or make ${node.name} per-example`, { ...at, port: 'posterior', edgeId: posterior.edgeId, param: 'plate' });
  }
  for (const pp of spec.paramPorts) {
    const inc = inputs[pp.name]?.[0];
    if (inc?.type.perExample) {
      problems.error('not-global', `latent ${node.name} is global (one value for the whole data set), but its prior's ${pp.name} comes from ${inc.sourceLabel}, which differs per example: make ${node.name} per-example`, { ...at, port: pp.name, edgeId: inc.edgeId, param: 'plate' });
    }
  }
}

/** The estimator of a latent goes with its family, its size (enumeration) and its wiring (a learned baseline). */
function checkEstimator<P extends RvParams>(spec: FamilySpec<P>, ctx: InferContext<P>, size: number | null, qSpec: FamilySpec<any> | undefined, flowPosterior = false): void {
  const { node, params, inputs, problems } = ctx;
  const at = { nodeId: node.id };
  const fam = spec.displayName;
  const est = estimatorOf(spec, params);
  if (!spec.trainableEstimators.includes(est)) {
    const avail = spec.trainableEstimators.length ? `estimators for a ${fam}: ${spec.trainableEstimators.join(', ')}` : `a latent ${fam} cannot be trained yet`;
    problems.error('estimator-unavailable', `latent ${node.name} is ${fam} and cannot use the ${est} estimator (${avail})`, { ...at, param: 'estimator' });
    return;
  }
  // An IAF's log q is computed along its own draw (z_0 → z_K); at a fixed z it would need the flow
  // inverted dimension by dimension, so the score function's ∇ log q(z) is not offered.
  if (flowPosterior && est !== 'reparameterisation') {
    problems.error('estimator-unavailable', `latent ${node.name} has a Flow posterior (IAF), whose log-density is computed along its own reparameterised draw: use the reparameterisation estimator, not ${est}`, { ...at, param: 'estimator' });
    return;
  }
  const drawn = qSpec ?? spec;
  if (est === 'reparameterisation' && !drawn.hasRsample) {
    const withRsample = [...SPECS.values()].filter((o) => o.support === spec.support && o.hasRsample && CONTINUOUS.includes(o.support)).map((o) => o.displayName);
    const fix = withRsample.length ? `give it a ${withRsample.join(' or ')} posterior, which can be reparameterised, or use the score-function estimator` : 'use the score-function estimator';
    problems.error('estimator-unavailable', `latent ${node.name} is drawn from ${qSpec ? `its posterior, a ${drawn.displayName}` : `a ${fam}`}, which has no reparameterised sample: ${fix}`, { ...at, param: 'estimator' });
    return;
  }
  if (est === 'enumeration' && size !== null && spec.supportSize) {
    const count = spec.supportSize(size, params);
    if (count > ENUMERATION_LIMIT) {
      problems.error('enumeration-too-large', `latent ${node.name} takes ${count > 1e15 ? 'more than 10^15' : count.toLocaleString('en')} values, too many to enumerate (at most ${ENUMERATION_LIMIT}): use the score-function, relaxed or straight-through estimator`, { ...at, param: 'estimator' });
    }
  }
  if (est === 'relaxed' || est === 'straight-through') {
    if (params.temperatureMin > params.temperature) problems.error('invalid-param', `latent ${node.name}: the minimum temperature ${params.temperatureMin} is above the starting temperature ${params.temperature}`, { ...at, param: 'temperatureMin' });
  }
  const b = inputs.baseline?.[0];
  if (b) {
    if (b.type.domain === 'index' || (b.type.size !== null && b.type.size !== 1)) {
      problems.error('size-mismatch', `the baseline of latent ${node.name} is one number per example; ${b.sourceLabel} gives ${b.type.domain === 'index' ? 'class indices' : `${b.type.size} numbers`}`, { ...at, port: 'baseline', edgeId: b.edgeId });
    } else if (!b.type.perExample) {
      problems.error('not-per-example', `the baseline of latent ${node.name} must depend on the example (b(x)); ${b.sourceLabel} is the same for every example: feed its network from the data`, { ...at, port: 'baseline', edgeId: b.edgeId });
    }
  }
}

function isPositive(t: ValueType): boolean {
  return t.domain === 'positive' || (t.domain === 'unit' && t.flow === 'tensor');
}

/** Builds the catalog entry of a random-variable family. */
export function defineRandomVariable<P extends RvParams>(kind: string, spec: FamilySpec<P>, params: z.ZodType<P>): NodeKind<P> {
  SPECS.set(spec.family, spec);
  return defineKind<P>({
    kind,
    displayName: spec.displayName,
    category: 'distribution',
    family: spec,
    description: spec.description,
    params,
    ports: (p) => rvPorts(spec, p),
    infer: (ctx) => rvInfer(spec, ctx),
    summary: (p) => {
      const role = p.role === 'posterior' ? 'approximate posterior' : p.role;
      const transform = transformOf(p);
      const advi = transform !== 'none' ? `, = ${describeTransform(transform)}` : '';
      const plate = p.role === 'latent' && p.plate === 'global' ? ', global' : '';
      return `${spec.displayName}${p.size ? ` [${p.size}]` : ''}, ${role}${plate}${advi}${spec.summaryExtra(p)}`;
    },
    describeOutput: (port, nodeName) => (port === 'q' ? nodeName : `the sample of ${nodeName}`),
  });
}
