import type { Graph, GraphEdge, GraphNode, TrainingSettings } from './document';
import { objectiveChecks } from './objective-checks';
import { latentUseChecks } from './latent-use';
import { labelledBatchChecks, partialLabelChecks } from './partial-labels';
import { flowChecks, readsBaseDraw } from './flow-chain';
import { sequenceChecks } from './sequence-checks';
import { paramIssueText, paramPlace } from './param-issue';
import { getKind, type Incoming, type NodeKind, type PortSpec } from './catalog/index';
import { ProblemList, type Problem } from './problems';
import type { Flow, ValueType } from './values';

/** Everything the validator learns about a graph; the compiler builds on it. */
export interface Analysis {
  readonly problems: readonly Problem[];
  /** Node ids in an order where every edge goes forward (nodes on a cycle are left out). */
  readonly order: readonly string[];
  readonly nodes: ReadonlyMap<string, AnalyzedNode>;
}

export interface AnalyzedNode {
  readonly node: GraphNode;
  readonly kind: NodeKind<any>;
  /** Params parsed with the kind's schema, defaults filled. */
  readonly params: any;
  readonly ports: readonly PortSpec[];
  /** Incoming edges per input port, in edge order. */
  readonly inputs: Record<string, Incoming[]>;
  /** Inferred output types per output port (empty until inference reaches the node). */
  outputs: Record<string, ValueType>;
  /** Edges leaving each output port. */
  readonly consumers: Record<string, GraphEdge[]>;
}

/**
 * Facts learnt by loading data that the graph alone cannot tell (a CSV's label classes), by node id
 * and output port; they refine the inferred types so validation checks them too.
 */
export type KnownTypes = Readonly<Record<string, Readonly<Record<string, Partial<ValueType>>>>>;

const FLOW_NAMES: Record<Flow, string> = { data: 'data', tensor: 'a value', sample: 'a sample', distribution: 'a distribution' };

function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Validates a graph and infers the type of every port. Returns every problem at once, each
 * pointing at a node (and port, edge or param) and phrased in the model's terms. With the training
 * settings it also checks the latents' estimators against the objective.
 */
export function analyzeGraph(graph: Graph, known: KnownTypes = {}, training?: TrainingSettings): Analysis {
  const problems = new ProblemList();
  const nodes = new Map<string, AnalyzedNode>();
  const names = new Map<string, string>();
  const seenIds = new Set<string>();

  for (const node of graph.nodes) {
    if (seenIds.has(node.id)) {
      problems.error('duplicate-node-id', `two nodes have the id '${node.id}'`, { nodeId: node.id });
      continue;
    }
    seenIds.add(node.id);
    const other = names.get(node.name);
    if (other !== undefined) problems.error('duplicate-name', `two nodes are called ${node.name}: give each a different name`, { nodeId: node.id });
    names.set(node.name, node.id);
    const kind = getKind(node.kind);
    if (!kind) {
      problems.error('unknown-kind', `${node.name} is of kind '${node.kind}', which this version of Latent Studio does not know`, { nodeId: node.id });
      continue;
    }
    const parsed = kind.params.safeParse(node.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const param = pathOf(issue.path);
        const text = paramIssueText(issue);
        const { key, item } = paramPlace(issue.path);
        const where = item ? `${item} of ${key}` : key;
        problems.error('invalid-param', `${kind.displayName} ${node.name}: ${where ? `${where}: ` : ''}${text}`, { nodeId: node.id, param, fieldMessage: item ? `${item}: ${text}` : text });
      }
      continue;
    }
    nodes.set(node.id, { node, kind, params: parsed.data, ports: kind.ports(parsed.data), inputs: {}, outputs: {}, consumers: {} });
  }
  const knownIds = new Set(graph.nodes.map((n) => n.id));

  // Edges: endpoints, directions, flows, single-input ports.
  const edgeIds = new Set<string>();
  const valid: GraphEdge[] = [];
  const fedByInvalid = new Set<string>();
  for (const edge of graph.edges) {
    const at = { edgeId: edge.id };
    if (edgeIds.has(edge.id)) {
      problems.error('duplicate-edge-id', `two edges have the id '${edge.id}'`, at);
      continue;
    }
    edgeIds.add(edge.id);
    const src = nodes.get(edge.source.node);
    const dst = nodes.get(edge.target.node);
    if (!knownIds.has(edge.source.node) || !knownIds.has(edge.target.node)) {
      const missing = !knownIds.has(edge.source.node) ? edge.source.node : edge.target.node;
      problems.error('edge-unknown-node', `an edge refers to node '${missing}', which is not in the graph`, at);
      continue;
    }
    if (!src || !dst) {
      // A node with its own problem already reported. Its neighbour downstream does have this
      // input: it is only unreadable until that node is fixed, so it is not said to be missing.
      if (dst) fedByInvalid.add(dst.node.id);
      continue;
    }
    const sp = src.ports.find((p) => p.name === edge.source.port);
    const tp = dst.ports.find((p) => p.name === edge.target.port);
    if (!sp || !tp) {
      const [n, port] = !sp ? [src, edge.source.port] : [dst, edge.target.port];
      const list = n.ports.map((p) => p.name).join(', ');
      problems.error('edge-unknown-port', `an edge uses port '${port}' of ${n.node.name}, which a ${describeKind(n)} does not have (its ports: ${list})`, { ...at, nodeId: n.node.id });
      continue;
    }
    if (sp.direction !== 'out' || tp.direction !== 'in') {
      problems.error('edge-wrong-direction', `an edge must go from an output to an input; it goes from '${sp.name}' of ${src.node.name} (${sp.direction}put) to '${tp.name}' of ${dst.node.name} (${tp.direction}put)`, { ...at, nodeId: dst.node.id, port: tp.name });
      continue;
    }
    const flow = sp.flow!;
    if (!tp.accepts!.includes(flow)) {
      problems.error('edge-flow-mismatch', flowMismatch(src, sp, dst, tp), { ...at, nodeId: dst.node.id, port: tp.name });
      continue;
    }
    const taken = dst.inputs[tp.name];
    if (taken && taken.length > 0 && !tp.multiple) {
      problems.error('port-takes-one', `'${tp.name}' of ${dst.node.name} takes one input; it has more than one`, { ...at, nodeId: dst.node.id, port: tp.name });
      continue;
    }
    (dst.inputs[tp.name] ??= []).push({ edgeId: edge.id, sourceNodeId: src.node.id, sourcePort: sp.name, sourceLabel: src.kind.describeOutput(sp.name, src.node.name), type: placeholder });
    (src.consumers[sp.name] ??= []).push(edge);
    valid.push(edge);
  }

  const order = topologicalOrder(nodes, valid, problems);

  // Inference, in dependency order.
  for (const id of order) {
    const a = nodes.get(id)!;
    let ready = true;
    for (const list of Object.values(a.inputs)) {
      for (let i = 0; i < list.length; i++) {
        const inc = list[i]!;
        const t = nodes.get(inc.sourceNodeId)?.outputs[inc.sourcePort];
        if (!t) ready = false;
        else list[i] = { ...inc, type: t };
      }
    }
    if (!ready) continue;
    for (const [port, list] of Object.entries(a.inputs)) a.inputs[port] = list.filter((i) => i.type !== placeholder);
    a.outputs = a.kind.infer({ node: a.node, params: a.params, inputs: a.inputs, problems });
    for (const [port, t] of Object.entries(known[id] ?? {})) if (a.outputs[port]) a.outputs[port] = { ...a.outputs[port]!, ...t };
  }

  modelChecks(nodes, problems);
  if (training) objectiveChecks(nodes, training, problems);
  if (training) labelledBatchChecks(nodes, training, problems);
  const items = problems.items.filter((p) => !(p.code === 'missing-input' && p.nodeId !== undefined && fedByInvalid.has(p.nodeId)));
  return { problems: items, order, nodes };
}

/** Stand-in type until the source is inferred. */
const placeholder: ValueType = { flow: 'tensor', size: null, domain: 'real', perExample: false };

function describeKind(n: AnalyzedNode): string {
  return n.kind.category === 'distribution' ? `${n.params.role} ${n.kind.displayName}` : n.kind.displayName;
}

function flowMismatch(src: AnalyzedNode, sp: PortSpec, dst: AnalyzedNode, tp: PortSpec): string {
  const what = `${FLOW_NAMES[sp.flow!]} (${src.kind.describeOutput(sp.name, src.node.name)})`;
  if (tp.name === 'value') return `${what} cannot be bound to observed ${dst.node.name}: an observed variable binds to a data output`;
  if (tp.name === 'posterior') return `${what} cannot be the approximate posterior of ${dst.node.name}: connect the 'q' output of a distribution whose role is approximate posterior`;
  return `${what} cannot go into '${tp.name}' of ${dst.node.name}, which takes ${tp.accepts!.map((f) => FLOW_NAMES[f]).join(' or ')}`;
}

function topologicalOrder(nodes: Map<string, AnalyzedNode>, edges: readonly GraphEdge[], problems: ProblemList): string[] {
  const indegree = new Map<string, number>([...nodes.keys()].map((id) => [id, 0]));
  const next = new Map<string, string[]>();
  for (const e of edges) {
    indegree.set(e.target.node, (indegree.get(e.target.node) ?? 0) + 1);
    (next.get(e.source.node) ?? next.set(e.source.node, []).get(e.source.node)!).push(e.target.node);
  }
  const queue = [...nodes.keys()].filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const t of next.get(id) ?? []) {
      const d = indegree.get(t)! - 1;
      indegree.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  if (order.length < nodes.size) {
    const onCycle = findCycle(nodes, edges, new Set(order));
    const names = onCycle.map((id) => nodes.get(id)!.node.name);
    problems.error('cycle', `the graph has a cycle: ${[...names, names[0]].join(' → ')}; a model's dependencies must run one way`, { nodeId: onCycle[0]! });
  }
  return order;
}

function findCycle(nodes: Map<string, AnalyzedNode>, edges: readonly GraphEdge[], done: Set<string>): string[] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (!done.has(e.source.node) && !done.has(e.target.node)) (next.get(e.source.node) ?? next.set(e.source.node, []).get(e.source.node)!).push(e.target.node);
  const start = [...nodes.keys()].find((id) => !done.has(id) && next.has(id))!;
  const path: string[] = [];
  const seen = new Map<string, number>();
  let cur: string | undefined = start;
  while (cur !== undefined && !seen.has(cur)) {
    seen.set(cur, path.length);
    path.push(cur);
    cur = next.get(cur)?.[0];
  }
  return cur === undefined ? path : path.slice(seen.get(cur));
}

/** Checks about the model as a whole: required inputs, posteriors, observations, data sets, unused parts. */
function modelChecks(nodes: Map<string, AnalyzedNode>, problems: ProblemList): void {
  let observed = 0;
  const datasets = new Set<string>();
  for (const a of nodes.values()) {
    const { node } = a;
    for (const p of a.ports) {
      if (p.direction !== 'in' || !p.required || (a.inputs[p.name]?.length ?? 0) > 0) continue;
      if (p.name === 'posterior') problems.error('latent-no-posterior', `latent ${node.name} has no approximate posterior`, { nodeId: node.id, port: p.name });
      else if (p.name === 'value') problems.error('missing-input', `observed ${node.name} is not bound to data: connect a data output to its 'value' port`, { nodeId: node.id, port: p.name });
      else problems.error('missing-input', `${a.kind.displayName} ${node.name} has no input on '${p.name}'`, { nodeId: node.id, port: p.name });
    }
    if (a.kind.category === 'distribution' && a.params.role === 'observed') {
      observed++;
    }
    if (a.kind.category === 'distribution' && a.params.role === 'posterior') {
      // The first IAF step and its MADE read a base posterior's draw z_0; `flowChecks` checks them.
      const users = (a.consumers.q ?? []).filter((e) => !readsBaseDraw(nodes.get(e.target.node)!));
      if (users.length === 0) problems.error('posterior-unused', `approximate posterior ${node.name} is not used by any latent: connect its 'q' to a latent's 'posterior' port`, { nodeId: node.id, port: 'q' });
      if (users.length > 1) problems.error('posterior-shared', `approximate posterior ${node.name} is used by ${users.length} latents; each latent needs its own`, { nodeId: node.id, port: 'q' });
    }
    for (const p of a.ports) {
      if (p.direction === 'out' && a.kind.category !== 'data' && (a.consumers[p.name]?.length ?? 0) === 0 && p.name !== 'q' && p.name !== 'sample') {
        problems.warning('unused-output', `${a.kind.describeOutput(p.name, node.name)} is not used`, { nodeId: node.id, port: p.name });
      }
    }
    if (a.kind.category === 'data') {
      if (Object.values(a.consumers).some((l) => l.length > 0)) datasets.add(node.id);
      else problems.warning('unused-node', `data set ${node.name} is not used`, { nodeId: node.id });
    }
  }
  latentUseChecks(nodes, problems);
  flowChecks(nodes, problems);
  sequenceChecks(nodes, problems);
  partialLabelChecks(nodes, problems);
  if (nodes.size > 0 && observed === 0) problems.error('no-observed', 'the model has no observed variable, so there is nothing to learn from: make a distribution observed and bind it to data');
  if (datasets.size > 1) {
    const names = [...datasets].map((id) => nodes.get(id)!.node.name).join(', ');
    for (const id of datasets) problems.error('several-datasets', `the model reads several data sets (${names}); a model trains on one data set`, { nodeId: id });
  }
}
