import type { Analysis, ConnectCheck, Graph, PortRef } from '../../shared/graph/index';

/** A port a connection could start from or end at, named as people read it ("decoder · logits"). */
export interface PortChoice extends PortRef {
  readonly label: string;
}

/** How a port is named in messages, choices and handle labels: "decoder · logits". */
export function portLabel(nodeName: string, port: string): string {
  return `${nodeName} · ${port}`;
}

/**
 * Every output of the graph that `check` would let into `target`, in the order of the nodes and
 * their ports. `check` is the store's checkConnection (canConnect on the current graph), the very
 * rule a drag asks, so the inspector offers exactly the edges a drag would accept.
 */
export function compatibleSources(graph: Graph, analysis: Analysis, target: PortRef, check: (source: PortRef, target: PortRef) => ConnectCheck): PortChoice[] {
  const out: PortChoice[] = [];
  for (const node of graph.nodes) {
    if (node.id === target.node) continue;
    // A node whose settings do not parse has no analysed ports; canConnect refuses it anyway.
    const ports = analysis.nodes.get(node.id)?.ports ?? [];
    for (const p of ports) {
      if (p.direction !== 'out') continue;
      const source = { node: node.id, port: p.name };
      if (check(source, target).ok) out.push({ ...source, label: portLabel(node.name, p.name) });
    }
  }
  return out;
}
