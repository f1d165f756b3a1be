import type { ElkNode } from 'elkjs/lib/elk-api';

/** What the layout needs of a node: its size on screen and its port names in drawing order. */
export interface LayoutNodeInput {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** An edge between two ports, for the layout. */
export interface LayoutEdgeInput {
  readonly id: string;
  readonly source: string;
  readonly sourcePort: string;
  readonly target: string;
  readonly targetPort: string;
}

const portId = (node: string, dir: 'in' | 'out', port: string) => `${node}\u0001${dir}\u0001${port}`;

/**
 * Positions for every node: ELK's layered algorithm, left to right (long chains wrapped into rows), with ports on the node sides in
 * their drawing order (inputs west, outputs east), so edges flow data → networks → distributions.
 * ELK is loaded on first use (it is large and most sessions never lay out).
 */
export async function computeLayout(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[]): Promise<Record<string, { x: number; y: number }>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ports = new Set<string>();
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '50',
      'elk.spacing.edgeNode': '30',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // A VAE is a chain of six or more nodes: in one row it only fits the canvas at ~0.45× zoom,
      // where the labels cannot be read. Wrapping the chain into rows keeps it near 2:1.
      'elk.layered.wrapping.strategy': 'MULTI_EDGE',
      'elk.aspectRatio': '2.0',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '80',
    },
    children: nodes.map((n) => {
      const inPorts = n.inputs.map((p, i) => {
        const id = portId(n.id, 'in', p);
        ports.add(id);
        return { id, layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(n.inputs.length - 1 - i) } };
      });
      const outPorts = n.outputs.map((p, i) => {
        const id = portId(n.id, 'out', p);
        ports.add(id);
        return { id, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) } };
      });
      return { id: n.id, width: n.width, height: n.height, ports: [...inPorts, ...outPorts], layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' } };
    }),
    edges: edges.flatMap((e) => {
      const s = portId(e.source, 'out', e.sourcePort);
      const t = portId(e.target, 'in', e.targetPort);
      // An edge to a port the node no longer has (invalid graph) is left out rather than failing the layout.
      return ports.has(s) && ports.has(t) ? [{ id: e.id, sources: [s], targets: [t] }] : [];
    }),
  };
  const out = await elk.layout(graph);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const c of out.children ?? []) positions[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return positions;
}
