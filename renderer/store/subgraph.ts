import type { GraphEdge } from '../../shared/graph/index';
import { freshEdgeId, uniqueName } from './names';
import type { EditorNode, Subgraph, XY } from './types';

/** The given nodes and the edges running between two of them (edges to outside nodes are left behind). */
export function extractSubgraph(nodes: readonly EditorNode[], edges: readonly GraphEdge[], nodeIds: readonly string[]): Subgraph {
  const ids = new Set(nodeIds);
  return {
    nodes: nodes.filter((n) => ids.has(n.id)),
    edges: edges.filter((e) => ids.has(e.source.node) && ids.has(e.target.node)),
  };
}

/**
 * A copy of `sub` ready to add to a document holding `nodes` and `edges`: fresh ids and unique
 * names (z → z_2), edges remapped to the copies, positions shifted by `offset`.
 */
export function instantiateSubgraph(sub: Subgraph, nodes: readonly EditorNode[], edges: readonly GraphEdge[], offset: XY): Subgraph {
  const ids = new Set(nodes.map((n) => n.id));
  const names = new Set(nodes.map((n) => n.name));
  const newId = new Map<string, string>();
  const copies = sub.nodes.map((n): EditorNode => {
    const name = uniqueName(n.name, names);
    names.add(name);
    const id = uniqueName(name, ids);
    ids.add(id);
    newId.set(n.id, id);
    return { ...n, id, name, params: structuredClone(n.params), position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
  });
  const edgeIds = new Set(edges.map((e) => e.id));
  const copiedEdges = sub.edges.flatMap((e): GraphEdge[] => {
    const source = newId.get(e.source.node);
    const target = newId.get(e.target.node);
    if (source === undefined || target === undefined) return [];
    const id = freshEdgeId(edgeIds, edgeIds.size + 1);
    edgeIds.add(id);
    return [{ id, source: { node: source, port: e.source.port }, target: { node: target, port: e.target.port } }];
  });
  return { nodes: copies, edges: copiedEdges };
}
