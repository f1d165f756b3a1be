import type { SliceCreator } from './editor-state';

/** Node and edge ids to select (kept apart: a node and an edge may share an id). */
export interface SelectionIds {
  readonly nodes?: readonly string[];
  readonly edges?: readonly string[];
}

/** What is selected on the canvas. Not part of the undo history: selecting is not an edit. */
export interface SelectionSlice {
  readonly selectedNodeIds: readonly string[];
  readonly selectedEdgeIds: readonly string[];
  /** Selects these ids (unknown ones are ignored); `additive` adds to the selection instead of replacing it. */
  select(ids: SelectionIds, additive?: boolean): void;
  selectAll(): void;
  clearSelection(): void;
}

function union(a: readonly string[], b: readonly string[]): readonly string[] {
  return [...new Set([...a, ...b])];
}

/** The selection slice: plain state, outside the undo history. */
export const createSelectionSlice: SliceCreator<SelectionSlice> = ({ get, set }) => ({
  selectedNodeIds: [],
  selectedEdgeIds: [],
  select: (ids, additive = false) => {
    const { nodes, edges, selectedNodeIds, selectedEdgeIds } = get();
    const nodeIds = new Set(nodes.map((n) => n.id));
    const edgeIds = new Set(edges.map((e) => e.id));
    const pickedNodes = (ids.nodes ?? []).filter((id) => nodeIds.has(id));
    const pickedEdges = (ids.edges ?? []).filter((id) => edgeIds.has(id));
    set(additive
      ? { selectedNodeIds: union(selectedNodeIds, pickedNodes), selectedEdgeIds: union(selectedEdgeIds, pickedEdges) }
      : { selectedNodeIds: [...new Set(pickedNodes)], selectedEdgeIds: [...new Set(pickedEdges)] });
  },
  selectAll: () => set({ selectedNodeIds: get().nodes.map((n) => n.id), selectedEdgeIds: get().edges.map((e) => e.id) }),
  clearSelection: () => set({ selectedNodeIds: [], selectedEdgeIds: [] }),
});
