import { APP_VERSION } from '../../shared/version';
import { CURRENT_SCHEMA_VERSION, GRAPH_FORMAT, trainingSchema, type Graph, type GraphEdge, type GraphFile, type GraphNode } from '../../shared/graph/index';
import type { DocSnapshot, EditorNode, Viewport, XY } from './types';

/** What the editor keeps of an opened file. */
export interface LoadedDocument extends DocSnapshot {
  readonly viewport: Viewport | undefined;
  readonly appVersion: string;
}

/** Where a node lands when the file has no position for it: a row, one column per node. */
function fallbackPosition(index: number): XY {
  return { x: index * 260, y: 0 };
}

/** An empty model with the default training settings. */
export function emptyDocument(): LoadedDocument {
  return { nodes: [], edges: [], meta: {}, training: trainingSchema.parse({}), viewport: undefined, appVersion: APP_VERSION };
}

/** A parsed file as the editor holds it: each node carries its position from the layout. */
export function fromGraphFile(file: GraphFile): LoadedDocument {
  const nodes = file.graph.nodes.map((n, i): EditorNode => ({ ...n, position: file.layout.nodes[n.id] ?? fallbackPosition(i) }));
  return { nodes, edges: file.graph.edges, meta: file.meta, training: file.training, viewport: file.layout.viewport, appVersion: file.appVersion };
}

/** The model part of a node (its position belongs to the layout). */
export function modelNode(n: EditorNode): GraphNode {
  return { id: n.id, kind: n.kind, name: n.name, params: n.params };
}

/** The graph the validator and the engine see: nodes without positions. */
export function toGraph(nodes: readonly EditorNode[], edges: readonly GraphEdge[]): Graph {
  return { nodes: nodes.map(modelNode), edges: edges as GraphEdge[] };
}

/**
 * The file for a document: positions go back into the layout, the rest is as held. A deep copy, so
 * whoever receives it cannot change the editor's state behind the undo history.
 */
export function toGraphFile(doc: LoadedDocument): GraphFile {
  const positions: Record<string, { x: number; y: number }> = {};
  for (const n of doc.nodes) positions[n.id] = { x: n.position.x, y: n.position.y };
  return structuredClone({
    format: GRAPH_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    appVersion: doc.appVersion,
    meta: doc.meta,
    graph: { nodes: doc.nodes.map(modelNode), edges: [...doc.edges] },
    training: doc.training,
    layout: doc.viewport ? { nodes: positions, viewport: doc.viewport } : { nodes: positions },
  });
}

/** The undoable part of a document. */
export function snapshotOf(doc: DocSnapshot): DocSnapshot {
  return { nodes: doc.nodes, edges: doc.edges, meta: doc.meta, training: doc.training };
}

/** Same objects, so no change at all (what decides whether an edit becomes an undo step). */
export function sameSnapshot(a: DocSnapshot, b: DocSnapshot): boolean {
  return a.nodes === b.nodes && a.edges === b.edges && a.meta === b.meta && a.training === b.training;
}
