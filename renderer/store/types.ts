import type { GraphEdge, GraphFile, GraphNode, Layout, TrainingSettings } from '../../shared/graph/index';

/** A point on the canvas, in flow coordinates (React Flow's XYPosition has the same shape). */
export interface XY {
  readonly x: number;
  readonly y: number;
}

/** A graph node as the editor holds it: the model's node plus where it sits on the canvas. */
export type EditorNode = GraphNode & { readonly position: XY };

/** The file's title and description. */
export type GraphMeta = GraphFile['meta'];

/** The canvas pan and zoom, saved in the file's layout. */
export type Viewport = NonNullable<Layout['viewport']>;

/**
 * The part of the editor that undo and redo restore: the model, the positions, the title and the
 * training settings. Selection, clipboard, file path and viewport are deliberately left out.
 */
export interface DocSnapshot {
  readonly nodes: readonly EditorNode[];
  readonly edges: readonly GraphEdge[];
  readonly meta: GraphMeta;
  readonly training: TrainingSettings;
}

/** The outcome of an edit the user can get wrong: done, or refused with a reason to show. */
export type EditResult<T extends object = object> = ({ readonly ok: true } & T) | { readonly ok: false; readonly reason: string };

/** Nodes and the edges between them, as copied to the clipboard. */
export interface Subgraph {
  readonly nodes: readonly EditorNode[];
  readonly edges: readonly GraphEdge[];
}
