import type { Graph, GraphEdge, GraphNode, PortRef } from './document';
import { analyzeGraph } from './analyze';
import { getKind, type NodeKind, type PortSpec } from './catalog/index';
import type { Problem } from './problems';

/** Whether an edge may be drawn, and if not, why (a sentence in the model's terms). */
export type ConnectCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** An endpoint resolved against the catalog: the node, its kind and its ports. */
interface Endpoint {
  readonly node: GraphNode;
  readonly kind: NodeKind<any>;
  readonly ports: readonly PortSpec[];
}

const refuse = (reason: string): ConnectCheck => ({ ok: false, reason });

/**
 * Decides, while the user drags an edge, whether it may be dropped from `source` (an output) onto
 * `target` (an input).
 *
 * Refused are edges that no setting could ever make right: a node wired to itself, an input used
 * as a source (or an output as a target), a flow the port does not take, a second edge into a
 * one-input port, a cycle, a domain that can never fit (class indices into a Normal's loc), and a
 * size mismatch between two sizes that both come from data. Everything the user can still fix in a
 * node's settings (a network head's size, a distribution's size, a scale that needs a softplus) is
 * accepted and reported by validation instead, so a model can be wired in any order.
 */
export function canConnect(graph: Graph, source: PortRef, target: PortRef): ConnectCheck {
  const src = resolve(graph, source.node);
  if (typeof src === 'string') return refuse(src);
  const dst = resolve(graph, target.node);
  if (typeof dst === 'string') return refuse(dst);
  if (src.node.id === dst.node.id) return refuse(`an edge cannot go from ${src.node.name} to itself: a node cannot depend on its own output`);

  const sp = src.ports.find((p) => p.name === source.port);
  if (!sp) return refuse(`${src.node.name} has no port '${source.port}'`);
  const tp = dst.ports.find((p) => p.name === target.port);
  if (!tp) return refuse(`${dst.node.name} has no port '${target.port}'`);
  if (sp.direction !== 'out') return refuse(`'${sp.name}' of ${src.node.name} is an input: an edge starts at an output`);
  if (tp.direction !== 'in') return refuse(`'${tp.name}' of ${dst.node.name} is an output: an edge ends at an input`);

  const label = src.kind.describeOutput(sp.name, src.node.name);
  const candidate: GraphEdge = { id: freshEdgeId(graph), source: { node: source.node, port: source.port }, target: { node: target.node, port: target.port } };
  const withEdge: Graph = { nodes: graph.nodes, edges: [...graph.edges, candidate] };

  // The analyser words flow mismatches in the model's terms ("… cannot be bound to observed x"); reuse it.
  if (!tp.accepts?.includes(sp.flow!)) {
    const p = analyzeGraph(withEdge).problems.find((q) => q.edgeId === candidate.id && q.code === 'edge-flow-mismatch');
    return refuse(p?.message ?? `${label} cannot go into '${tp.name}' of ${dst.node.name}`);
  }

  const into = graph.edges.filter((e) => e.target.node === dst.node.id && e.target.port === tp.name);
  if (into.some((e) => e.source.node === src.node.id && e.source.port === sp.name)) {
    return refuse(`${label} is already connected to '${tp.name}' of ${dst.node.name}`);
  }
  if (!tp.multiple && into.length > 0) {
    const other = describeSource(graph, into[0]!);
    return refuse(`'${tp.name}' of ${dst.node.name} takes one input and already has ${other}: disconnect it first`);
  }

  const loop = pathBetween(graph, dst.node.id, src.node.id);
  if (loop) {
    const names = [...loop, dst.node.id].map((id) => graph.nodes.find((n) => n.id === id)?.name ?? id);
    return refuse(`connecting ${label} to '${tp.name}' of ${dst.node.name} would make a cycle (${names.join(' → ')}); a model's dependencies must run one way`);
  }

  // Domains are fixed by node kinds (a label is always class indices), so no setting can repair them.
  const atEdge = analyzeGraph(withEdge).problems.filter((p) => p.edgeId === candidate.id);
  const domain = atEdge.find((p) => p.code === 'domain-mismatch' || p.code === 'posterior-support');
  if (domain) return refuse(domain.message);

  if (dst.kind.category === 'distribution') {
    const clash = dataSizeClash(graph, withEdge, dst.node.id);
    if (clash) return refuse(`${clash.message}; both sizes come from data, so no setting can make them agree`);
  }
  return { ok: true };
}

/** The node with its kind and ports, or why it cannot take part in an edge. */
function resolve(graph: Graph, id: string): Endpoint | string {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) return `there is no node '${id}' in the graph`;
  const kind = getKind(node.kind);
  if (!kind) return `${node.name} is of kind '${node.kind}', which this version of Latent Studio does not know`;
  const parsed = kind.params.safeParse(node.params);
  // Its ports depend on its settings (heads, role); while they are invalid the ports are unknown.
  if (!parsed.success) return `${kind.displayName} ${node.name} has invalid settings (${parsed.error.issues[0]?.message ?? 'see its problems'}): fix them before connecting it`;
  return { node, kind, ports: kind.ports(parsed.data) };
}

function describeSource(graph: Graph, edge: GraphEdge): string {
  const node = graph.nodes.find((n) => n.id === edge.source.node);
  const kind = node && getKind(node.kind);
  return node && kind ? kind.describeOutput(edge.source.port, node.name) : `an edge from '${edge.source.node}'`;
}

function freshEdgeId(graph: Graph): string {
  const taken = new Set(graph.edges.map((e) => e.id));
  let id = '__candidate__';
  while (taken.has(id)) id += '_';
  return id;
}

/** Node ids on a path from `from` to `to` along existing edges (both included), or null. */
function pathBetween(graph: Graph, from: string, to: string): string[] | null {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const id = queue.shift()!;
    if (id === to) {
      const path: string[] = [];
      for (let cur: string | null = id; cur !== null; cur = parent.get(cur) ?? null) path.unshift(cur);
      return path;
    }
    for (const e of graph.edges) {
      if (e.source.node === id && !parent.has(e.target.node)) {
        parent.set(e.target.node, id);
        queue.push(e.target.node);
      }
    }
  }
  return null;
}

/**
 * A size mismatch at `nodeId` that the new edge causes and that survives when every size the user
 * can set is let go: distributions' `size` params dropped, and edges from networks and parameters
 * (whose sizes are their settings) removed. What remains are sizes that data dictates, so a clash
 * there cannot be fixed by any setting.
 */
function dataSizeClash(before: Graph, after: Graph, nodeId: string): Problem | undefined {
  const clashes = (g: Graph): Problem[] => analyzeGraph(relaxSizes(g)).problems.filter((p) => p.code === 'size-mismatch' && p.nodeId === nodeId);
  const known = new Set(clashes(before).map(problemKey));
  return clashes(after).find((p) => !known.has(problemKey(p)));
}

function problemKey(p: Problem): string {
  return `${p.code}|${p.nodeId ?? ''}|${p.port ?? ''}|${p.edgeId ?? ''}|${p.message}`;
}

function relaxSizes(graph: Graph): Graph {
  const settable = new Set(graph.nodes.filter((n) => {
    const c = getKind(n.kind)?.category;
    return c === 'network' || c === 'parameter';
  }).map((n) => n.id));
  return {
    nodes: graph.nodes.map((n) => {
      if (getKind(n.kind)?.category !== 'distribution' || !('size' in n.params)) return n;
      const { size: _size, ...params } = n.params;
      return { ...n, params };
    }),
    edges: graph.edges.filter((e) => !settable.has(e.source.node)),
  };
}
