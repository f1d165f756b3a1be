import { useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { EditorState } from '../store/editor-state';
import { editorStore } from '../store/use-editor';
import type { StudioEdge, StudioNode } from './flowTypes';

type Nodes = EditorState['nodes'];

/** The nodes of `after` that are new or moved since `before`. */
function changedNodes(before: Nodes, after: Nodes): string[] {
  const was = new Map(before.map((n) => [n.id, n.position]));
  return after.filter((n) => {
    const p = was.get(n.id);
    return !p || p.x !== n.position.x || p.y !== n.position.y;
  }).map((n) => n.id);
}

/**
 * After an undo or redo that brings back or moves nodes, fits the view when any of them would be
 * out of sight: an undone auto-layout or a restored node off screen would otherwise change the
 * graph where nobody can see it. A change in view leaves the user's zoom and pan alone.
 */
export function useKeepUndoneInView(fit: () => void): void {
  const flow = useReactFlow<StudioNode, StudioEdge>();
  const rf = useStoreApi<StudioNode, StudioEdge>();
  useEffect(() => {
    // The undo's own change comes first, then the count of history moves: remember the last
    // change of the nodes, and look at it when the count moves.
    let last: { before: Nodes; after: Nodes } | null = null;
    const inView = (id: string): boolean => {
      const node = flow.getInternalNode(id);
      if (!node) return false;
      const { width, height, transform } = rf.getState();
      const [tx, ty, zoom] = transform;
      const { x, y } = node.internals.positionAbsolute;
      const w = node.measured.width ?? 0;
      const h = node.measured.height ?? 0;
      return x * zoom + tx >= 0 && y * zoom + ty >= 0 && (x + w) * zoom + tx <= width && (y + h) * zoom + ty <= height;
    };
    return editorStore.subscribe((s, prev) => {
      if (s.nodes !== prev.nodes) last = { before: prev.nodes, after: s.nodes };
      if (s.historyMoves === prev.historyMoves || !last || last.after !== s.nodes) return;
      const changed = changedNodes(last.before, last.after);
      last = null;
      if (changed.length === 0) return;
      // Two frames: React Flow takes the positions, then measures any node brought back.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (!changed.every(inView)) fit();
        }),
      );
    });
  }, [flow, rf, fit]);
}
