import { useCallback, useMemo } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { editorStore } from '../store/use-editor';
import type { EditResult } from '../store/index';
import { computeLayout } from './autoLayout';
import type { StudioEdge, StudioNode } from './flowTypes';
import { freeSpotNear, NODE_SIZE } from './placement';
import { useFitGraph } from './useFitGraph';

/** Commands that need the canvas's view: where its centre is, how to show a node, how big nodes are. */
export interface CanvasCommands {
  /** Adds a node of `kind` at the centre of the visible canvas and selects it. */
  addAtCentre(kind: string): EditResult<{ id: string }>;
  /** Selects a node and centres the view on it. */
  showNode(nodeId: string): void;
  /** Centres the view on an edge's midpoint and selects it. */
  showEdge(edgeId: string): void;
  /** Lays the graph out with ELK (layered, left to right) as one undo step, then fits the view. */
  autoLayout(): Promise<void>;
  /** Fits every node in view (after the nodes are measured). */
  fitAll(): void;
  /** Restores a saved viewport, or fits the view when there is none. */
  restoreView(viewport: { x: number; y: number; zoom: number } | undefined): void;
}

/** The canvas commands; call inside the ReactFlowProvider. */
export function useCanvasCommands(): CanvasCommands {
  const flow = useReactFlow<StudioNode, StudioEdge>();
  const rf = useStoreApi<StudioNode, StudioEdge>();

  const centre = useCallback(() => {
    const { width, height, transform } = rf.getState();
    const [tx, ty, zoom] = transform;
    return { x: (width / 2 - tx) / zoom, y: (height / 2 - ty) / zoom };
  }, [rf]);

  const { fit, fitWhenDrawn } = useFitGraph();
  const fitAll = useCallback(() => fit(200), [fit]);

  const addAtCentre = useCallback(
    (kind: string) => {
      const s = editorStore.getState();
      const boxes = s.nodes.map((n) => {
        const m = flow.getInternalNode(n.id)?.measured;
        return { ...n.position, width: m?.width ?? NODE_SIZE.width, height: m?.height ?? NODE_SIZE.height };
      });
      const at = freeSpotNear(centre(), boxes);
      const r = s.addNode(kind, at);
      if (r.ok) s.select({ nodes: [r.id] });
      return r;
    },
    [centre, flow],
  );

  const showNode = useCallback(
    (nodeId: string) => {
      const s = editorStore.getState();
      const node = s.nodes.find((n) => n.id === nodeId);
      if (!node) return;
      s.select({ nodes: [nodeId] });
      const measured = flow.getInternalNode(nodeId)?.measured;
      const w = measured?.width ?? 216;
      const h = measured?.height ?? 110;
      const zoom = Math.max(flow.getZoom(), 0.9);
      void flow.setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom, duration: 250 });
    },
    [flow],
  );

  const showEdge = useCallback(
    (edgeId: string) => {
      const s = editorStore.getState();
      const e = s.edges.find((x) => x.id === edgeId);
      if (!e) return;
      const a = s.nodes.find((n) => n.id === e.source.node);
      const b = s.nodes.find((n) => n.id === e.target.node);
      s.select({ edges: [edgeId] });
      if (a && b) void flow.setCenter((a.position.x + b.position.x) / 2 + 108, (a.position.y + b.position.y) / 2 + 50, { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 });
    },
    [flow],
  );

  const autoLayout = useCallback(async () => {
    const { nodes, edges } = editorStore.getState();
    if (nodes.length === 0) return;
    const drawn = new Map(flow.getNodes().map((n) => [n.id, n]));
    const positions = await computeLayout(
      nodes.map((n) => {
        const d = drawn.get(n.id);
        return {
          id: n.id,
          width: d?.measured?.width ?? 216,
          height: d?.measured?.height ?? 120,
          inputs: d?.data.view.inputs.map((p) => p.name) ?? [],
          outputs: d?.data.view.outputs.map((p) => p.name) ?? [],
        };
      }),
      edges.map((e) => ({ id: e.id, source: e.source.node, sourcePort: e.source.port, target: e.target.node, targetPort: e.target.port })),
    );
    editorStore.getState().autoLayout(positions);
    // Let React Flow take the new positions before fitting them.
    requestAnimationFrame(() => fitAll());
  }, [flow, fitAll]);

  const restoreView = useCallback(
    (viewport: { x: number; y: number; zoom: number } | undefined) => {
      if (viewport) {
        void flow.setViewport(viewport);
        return;
      }
      fitWhenDrawn();
    },
    [flow, fitWhenDrawn],
  );

  return useMemo(() => ({ addAtCentre, showNode, showEdge, autoLayout, fitAll, restoreView }), [addAtCentre, showNode, showEdge, autoLayout, fitAll, restoreView]);
}
