import {
  describeShape,
  describeTransform,
  transformOf,
  type ConstraintTransform,
  estimatorOf,
  featureWidth,
  getKind,
  type Analysis,
  type FamilySpec,
  type Graph,
  type GraphNode,
  type PortSpec,
  type Problem,
} from '../../shared/graph/index';
import type { NodeView, PortView, ProblemMark, StudioEdgeData } from './flowTypes';

/** The worst severity of a list of problems, with their messages; null for none. */
export function markOf(problems: readonly Problem[]): ProblemMark | null {
  if (problems.length === 0) return null;
  return { severity: problems.some((p) => p.severity === 'error') ? 'error' : 'warning', messages: problems.map((p) => p.message) };
}

/** Params parsed with the kind's schema, or the raw params when they do not parse (so ports still show). */
function portsOf(node: GraphNode, analysis: Analysis): readonly PortSpec[] {
  const analysed = analysis.nodes.get(node.id);
  if (analysed) return analysed.ports;
  const kind = getKind(node.kind);
  if (!kind) return [];
  try {
    // Invalid params: fall back on the defaults merged with what parses field by field.
    const defaults = kind.params.safeParse({});
    const base = defaults.success ? (defaults.data as Record<string, unknown>) : {};
    return kind.ports({ ...base, ...node.params });
  } catch {
    return [];
  }
}

/** The one-line summary of a node, as the canvas and the inspector show it (kind.summary with its input width). */
export function summaryOf(node: GraphNode, analysis: Analysis): string {
  const kind = getKind(node.kind);
  if (!kind) return `unknown kind '${node.kind}'`;
  const a = analysis.nodes.get(node.id);
  if (!a) return `${kind.displayName} (invalid settings)`;
  const incoming = Object.values(a.inputs).flat();
  let width: number | null = incoming.length ? 0 : null;
  for (const i of incoming) {
    const w = featureWidth(i.type);
    width = w === null || width === null ? null : width + w;
  }
  try {
    return kind.summary(a.params, width);
  } catch {
    return kind.displayName;
  }
}

/**
 * The view of every node: name, summary, role, ports with their problems and shapes, problem
 * counts. Pure: the canvas recomputes it when the document or the analysis changes.
 */
export function buildNodeViews(graph: Graph, analysis: Analysis, problems: readonly Problem[]): Map<string, NodeView> {
  const byNode = new Map<string, Problem[]>();
  for (const p of problems) if (p.nodeId !== undefined) (byNode.get(p.nodeId) ?? byNode.set(p.nodeId, []).get(p.nodeId)!).push(p);
  const connected = new Set<string>();
  for (const e of graph.edges) {
    connected.add(`${e.source.node}\u0000${e.source.port}`);
    connected.add(`${e.target.node}\u0000${e.target.port}`);
  }
  const views = new Map<string, NodeView>();
  for (const node of graph.nodes) {
    const kind = getKind(node.kind);
    const a = analysis.nodes.get(node.id);
    const mine = byNode.get(node.id) ?? [];
    const port = (spec: PortSpec): PortView => {
      const t = spec.direction === 'out' ? a?.outputs[spec.name] : undefined;
      return {
        name: spec.name,
        direction: spec.direction,
        description: spec.description,
        shape: spec.shape,
        inferred: t ? describeShape(t) : null,
        required: spec.required ?? false,
        multiple: spec.multiple ?? false,
        connected: connected.has(`${node.id}\u0000${spec.name}`),
        problem: markOf(mine.filter((p) => p.port === spec.name)),
      };
    };
    const ports = portsOf(node, analysis);
    const role = kind?.category === 'distribution' ? String((a?.params ?? node.params).role ?? 'latent') : null;
    views.set(node.id, {
      nodeId: node.id,
      name: node.name,
      kindName: kind?.displayName ?? node.kind,
      category: kind?.category ?? 'unknown',
      summary: summaryOf(node, analysis),
      role,
      estimator: role === 'latent' && kind?.family ? estimatorBadge(kind.family, (a?.params ?? node.params) as Record<string, unknown>) : null,
      inputs: ports.filter((p) => p.direction === 'in').map(port),
      outputs: ports.filter((p) => p.direction === 'out').map(port),
      errors: mine.filter((p) => p.severity === 'error').length,
      warnings: mine.filter((p) => p.severity === 'warning').length,
      messages: mine.filter((p) => p.port === undefined || !ports.some((s) => s.name === p.port)).map((p) => p.message),
    });
  }
  return views;
}

const BASELINE_SHORT: Record<string, string> = { none: 'no baseline', 'moving-average': 'moving avg', standardised: 'standardised', learned: 'learned b(x)', 'leave-one-out': 'leave-one-out' };

/**
 * The badge of a latent's estimator: short on the node, spelt out in its tooltip; ADVI's constraint
 * transform (the latent is exp(ζ) of a ζ drawn from q) and a global plate come first.
 */
function estimatorBadge(family: FamilySpec<unknown>, params: Record<string, unknown>): { badge: string; title: string } {
  const plain = plainEstimatorBadge(family, params);
  const t = transformOf({ role: 'latent', transform: params.transform as ConstraintTransform | undefined });
  const global = params.plate === 'global';
  if (t === 'none' && !global) return plain;
  const pre = [...(t !== 'none' ? [describeTransform(t)] : []), ...(global ? ['global'] : [])].join(' · ');
  const says = [
    ...(t !== 'none' ? [`ADVI: q is over an unconstrained ζ and this latent is ${describeTransform(t)}, the log-Jacobian added to log p`] : []),
    ...(global ? ['one value for the whole data set (global), its KL shared by the N training examples'] : []),
  ];
  return { badge: `${pre} · ${plain.badge}`, title: `${says.join('; ')}. ${plain.title}` };
}

function plainEstimatorBadge(family: FamilySpec<unknown>, params: Record<string, unknown>): { badge: string; title: string } {
  const est = estimatorOf(family, params as { estimator?: never });
  const tau = typeof params.temperature === 'number' ? params.temperature : 1;
  switch (est) {
    case 'reparameterisation':
      return { badge: 'reparam.', title: 'Gradient estimator: reparameterisation (z = μ + σ·ε)' };
    case 'score-function': {
      const b = typeof params.baseline === 'string' ? params.baseline : 'moving-average';
      return { badge: `score fn · ${BASELINE_SHORT[b] ?? b}`, title: `Gradient estimator: score function (REINFORCE), baseline: ${BASELINE_SHORT[b] ?? b}` };
    }
    case 'relaxed':
      return { badge: `Gumbel τ=${tau}`, title: `Gradient estimator: Gumbel-softmax / Concrete relaxation at temperature ${tau}` };
    case 'straight-through':
      return { badge: `straight-through τ=${tau}`, title: `Gradient estimator: straight-through (one-hot forward, relaxed gradient at temperature ${tau} backward)` };
    case 'enumeration':
      return { badge: 'enumerated', title: 'Exact enumeration over every value (no sampling)' };
  }
}

/** The label of every edge: the shape of the value its source gives, and the problems that point at it. */
export function buildEdgeData(graph: Graph, analysis: Analysis, problems: readonly Problem[]): Map<string, StudioEdgeData> {
  const out = new Map<string, StudioEdgeData>();
  for (const e of graph.edges) {
    const t = analysis.nodes.get(e.source.node)?.outputs[e.source.port];
    out.set(e.id, {
      label: t ? describeShape(t) : null,
      flow: t?.flow ?? null,
      problem: markOf(problems.filter((p) => p.edgeId === e.id)),
    });
  }
  return out;
}

/** True when two views draw the same (lets the canvas keep node objects, so memoised nodes skip rendering). */
export function sameView(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
