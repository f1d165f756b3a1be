import { commit } from './commit';
import type { SliceContext, SliceCreator } from './editor-state';
import { extractSubgraph, instantiateSubgraph } from './subgraph';
import type { Subgraph, XY } from './types';

/** How far a paste lands from the original, so the copy is visibly a copy. */
export const PASTE_OFFSET: XY = { x: 40, y: 40 };

/** Copy and paste within the editor. The clipboard is not part of the undo history. */
export interface ClipboardSlice {
  /** The last copied nodes and the edges between them; null before the first copy. */
  readonly clipboard: Subgraph | null;
  /** Copies the selected nodes and the edges between them (nothing happens when no node is selected). */
  copy(): void;
  /**
   * Adds a copy of the clipboard with fresh ids and unique names, edges remapped, positions shifted
   * by `offset`, and selects it; one undo step. Each paste lands one offset further than the last.
   * Returns the new node ids.
   */
  paste(offset?: XY): readonly string[];
  /** Pastes a copy of the selection without touching the clipboard; returns the new node ids. */
  duplicate(offset?: XY): readonly string[];
}

function shifted(sub: Subgraph, offset: XY): Subgraph {
  return { ...sub, nodes: sub.nodes.map((n) => ({ ...n, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } })) };
}

/** Adds a copy of `sub` to the document as one undo step and selects it. */
function insert(ctx: SliceContext, sub: Subgraph, offset: XY, extra: { clipboard?: Subgraph } = {}): readonly string[] {
  if (sub.nodes.length === 0) return [];
  const { nodes, edges } = ctx.get();
  const copy = instantiateSubgraph(sub, nodes, edges, offset);
  const ids = copy.nodes.map((n) => n.id);
  commit(ctx, { nodes: [...nodes, ...copy.nodes], edges: [...edges, ...copy.edges], selectedNodeIds: ids, selectedEdgeIds: [], ...extra });
  return ids;
}

/** The clipboard slice: an in-app clipboard kept outside the undo history. */
export const createClipboardSlice: SliceCreator<ClipboardSlice> = (ctx) => ({
  clipboard: null,
  copy: () => {
    const { nodes, edges, selectedNodeIds } = ctx.get();
    if (selectedNodeIds.length === 0) return;
    ctx.set({ clipboard: extractSubgraph(nodes, edges, selectedNodeIds) });
  },
  paste: (offset = PASTE_OFFSET) => {
    const { clipboard } = ctx.get();
    if (!clipboard) return [];
    return insert(ctx, clipboard, offset, { clipboard: shifted(clipboard, offset) });
  },
  duplicate: (offset = PASTE_OFFSET) => {
    const { nodes, edges, selectedNodeIds } = ctx.get();
    return insert(ctx, extractSubgraph(nodes, edges, selectedNodeIds), offset);
  },
});
