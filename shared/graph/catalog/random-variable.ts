import { z } from 'zod';
import { defineKind, type Incoming, type InferContext, type NodeKind, type PortSpec } from './kind';
import { describeDomain, type Domain, type Family, type ValueType } from '../values';

export const ROLES = ['observed', 'latent', 'posterior'] as const;
export type Role = (typeof ROLES)[number];
export const ESTIMATORS = ['reparameterisation', 'score-function', 'relaxed', 'enumeration'] as const;
export type Estimator = (typeof ESTIMATORS)[number];

/** The params every random variable has, whatever its family. */
export const rvBaseParams = {
  /** Observed: bound to data, contributes log p(x | …). Latent: prior p(z | …) with an approximate posterior. Posterior: q(z | x) of a latent. */
  role: z.enum(ROLES).default('latent').describe('Role'),
  /** Event size; when left out it is read from what is connected. */
  size: z.number().int().min(1).max(100_000).optional().describe('Size'),
  /** Gradient estimator of a latent (ignored for other roles). */
  estimator: z.enum(ESTIMATORS).optional().describe('Estimator'),
};

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
  /** Estimators this build can train for a latent of this family. */
  readonly trainableEstimators: readonly Estimator[];
  readonly defaultEstimator: Estimator;
  /** Why this family cannot observe a value of this type, or null when it can. */
  cannotObserve(t: ValueType): string | null;
  /** The event size implied by an observed value (Categorical: its classes). */
  observedSize(t: ValueType): number | null;
  /** Whether the port's incoming value is made positive by the node's link (Normal's scale link). */
  linked(params: P, port: string): boolean;
  summaryExtra(params: P): string;
}

type RvParams = { role: Role; size?: number | undefined; estimator?: Estimator | undefined };

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
    ports.push({ name: 'posterior', direction: 'in', accepts: ['distribution'], required: true, description: 'the approximate posterior q', shape: '[n]' });
    ports.push({ name: 'sample', direction: 'out', flow: 'sample', description: 'z ~ q while training, z ~ p when generating', shape: spec.family === 'categorical' ? '[n] one-hot' : '[n]' });
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
    if (q.family !== spec.family) {
      problems.error('posterior-support', `approximate posterior ${posterior.sourceLabel} of latent ${node.name} is ${q.family ?? 'not a distribution'}; it must be ${fam} like ${node.name} (the same support: ${describeDomain(spec.support)})`, { ...at, port: 'posterior', edgeId: posterior.edgeId });
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
    if (pp.constraint === 'positive' && !spec.linked(params, pp.name) && !isPositive(inc.type)) {
      problems.error('not-positive', `${pp.name} of ${node.name} must be positive, but ${inc.sourceLabel} gives ${describeDomain(inc.type.domain)}: give it a softplus activation or set ${node.name}'s ${pp.name} link to softplus`, { ...at, port: pp.name, edgeId: inc.edgeId });
    }
  }
  if (size === null && params.role !== 'latent') {
    problems.error('missing-input', `${fam} ${node.name} has no size: connect its parameters or set its size`, at);
  }

  if (params.role === 'latent') {
    const est = params.estimator ?? spec.defaultEstimator;
    if (!spec.trainableEstimators.includes(est)) {
      const avail = spec.trainableEstimators.length ? `available for ${fam}: ${spec.trainableEstimators.join(', ')}` : `no estimator for a latent ${fam} is available yet (Normal latents train with reparameterisation)`;
      problems.error('estimator-unavailable', `latent ${node.name} uses the ${est} estimator, which this version cannot train (${avail})`, { ...at, param: 'estimator' });
    }
  }

  const perExample = Object.values(inputs).some((list) => list.some((i) => i.type.perExample));
  const sampleType: ValueType = spec.family === 'categorical'
    ? { flow: 'sample', size, domain: spec.support, categories: size, perExample: true }
    : { flow: 'sample', size, domain: spec.support, perExample: true };
  if (params.role === 'latent') return { sample: sampleType };
  if (params.role === 'posterior') return { q: { flow: 'distribution', size, domain: spec.support, perExample, family: spec.family } };
  return {};
}

function isPositive(t: ValueType): boolean {
  return t.domain === 'positive' || (t.domain === 'unit' && t.flow === 'tensor');
}

/** Builds the catalog entry of a random-variable family. */
export function defineRandomVariable<P extends RvParams>(kind: string, spec: FamilySpec<P>, params: z.ZodType<P>): NodeKind<P> {
  return defineKind<P>({
    kind,
    displayName: spec.displayName,
    category: 'distribution',
    description: spec.description,
    params,
    ports: (p) => rvPorts(spec, p),
    infer: (ctx) => rvInfer(spec, ctx),
    summary: (p) => {
      const role = p.role === 'posterior' ? 'approximate posterior' : p.role;
      return `${spec.displayName}${p.size ? ` [${p.size}]` : ''}, ${role}${spec.summaryExtra(p)}`;
    },
    describeOutput: (port, nodeName) => (port === 'q' ? nodeName : `the sample of ${nodeName}`),
  });
}
