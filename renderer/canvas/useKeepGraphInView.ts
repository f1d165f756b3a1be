import { useEffect } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { StudioEdge, StudioNode } from './flowTypes';

type FlowState = ReactFlowState<StudioNode, StudioEdge>;

/** Whether every node lies inside a canvas of the given size under the given transform. */
function allInside(s: FlowState, width: number, height: number, transform: readonly [number, number, number]): boolean {
  const [tx, ty, zoom] = transform;
  for (const node of s.nodeLookup.values()) {
    const { x, y } = node.internals.positionAbsolute;
    const w = node.measured.width ?? 0;
    const h = node.measured.height ?? 0;
    if (x * zoom + tx < 0 || y * zoom + ty < 0 || (x + w) * zoom + tx > width || (y + h) * zoom + ty > height) return false;
  }
  return true;
}

/**
 * When the canvas shrinks (the dock opens or grows, the window is made smaller) and a graph that
 * was wholly in view no longer is, fits it again: the user had it all in sight and the layout,
 * not they, took it away. A graph the user had zoomed into (not wholly in view) is left alone.
 */
export function useKeepGraphInView(fit: () => void): void {
  const rf = useStoreApi<StudioNode, StudioEdge>();
  useEffect(() => {
    let frame = 0;
    const unsubscribe = rf.subscribe((s, prev) => {
      if (s.width === prev.width && s.height === prev.height) return;
      if (prev.width === 0 || prev.height === 0 || s.nodeLookup.size === 0) return;
      if (s.width >= prev.width && s.height >= prev.height) return;
      if (!allInside(prev, prev.width, prev.height, prev.transform) || allInside(s, s.width, s.height, s.transform)) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fit());
    });
    return () => {
      cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [rf, fit]);
}
