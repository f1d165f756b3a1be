import { useCallback } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { editorStore } from '../store/use-editor';
import { fitOptions, MINIMAP_SIZE } from './fit-padding';
import type { StudioEdge, StudioNode } from './flowTypes';
import { MINIMAP_SHOWN } from './minimap-flag';

/** Fitting the graph into the canvas: now, or once React Flow has drawn and measured every node. */
export interface FitGraph {
  /** Fits every node in view, clear of the minimap (see fitPadding). */
  fit(duration?: number): void;
  /**
   * Fits once every node of the document is drawn and measured: a graph just loaded has none of
   * them in React Flow yet, and fitting then frames nothing (or only the nodes measured so far).
   * Gives up waiting after about half a second and fits what there is.
   */
  fitWhenDrawn(): void;
}

/** {@link FitGraph}; call inside the ReactFlowProvider. */
export function useFitGraph(): FitGraph {
  const flow = useReactFlow<StudioNode, StudioEdge>();
  const rf = useStoreApi<StudioNode, StudioEdge>();

  const fit = useCallback(
    (duration?: number) => {
      // React Flow learns its size from a ResizeObserver, after layout: a fit asked for in the
      // frame where the dock opened or the start screen went would use the old size. Wait (a few
      // frames at most) until the size it knows is the size drawn.
      let frames = 0;
      const attempt = () => {
        const { width, height, domNode } = rf.getState();
        const settled = !domNode || (Math.abs(domNode.clientWidth - width) < 1 && Math.abs(domNode.clientHeight - height) < 1);
        if (!settled && frames++ < 10) return void requestAnimationFrame(attempt);
        const nodes = flow.getNodes();
        if (nodes.length === 0) return;
        const bounds = flow.getNodesBounds(nodes);
        void flow.fitView(fitOptions({ width, height }, bounds, MINIMAP_SHOWN.get() ? MINIMAP_SIZE : null, duration));
      };
      attempt();
    },
    [flow, rf],
  );

  const fitWhenDrawn = useCallback(() => {
    let frames = 0;
    const attempt = () => {
      const expected = editorStore.getState().nodes.length;
      const nodes = flow.getNodes();
      const drawn = nodes.length === expected && nodes.every((n) => (flow.getInternalNode(n.id)?.measured.width ?? 0) > 0);
      if (drawn || frames++ > 30) fit();
      else requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
  }, [flow, fit]);

  return { fit, fitWhenDrawn };
}
