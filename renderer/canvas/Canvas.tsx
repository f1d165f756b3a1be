import { useCallback, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
  type Viewport,
} from '@xyflow/react';
import { editorStore, useEditor } from '../store/use-editor';
import { KIND_MIME } from '../panels/palette/dragKind';
import { ConnectionHint } from './ConnectionHint';
import { EDGE_TYPES } from './edgeTypes';
import { useKeyboardConnection } from './keyboard-connection';
import { KeyboardConnectionStatus } from './KeyboardConnectionStatus';
import type { StudioEdge, StudioNode } from './flowTypes';
import { NODE_TYPES } from './nodeTypes';
import { useFlowEdges } from './useFlowEdges';
import { useFlowNodes } from './useFlowNodes';
import { NODE_HALF } from './placement';
import { useStoredFlag } from '../window/stored-flag';
import { fitOptions, MINIMAP_SIZE } from './fit-padding';
import { MINIMAP_SHOWN } from './minimap-flag';
import { useFitGraph } from './useFitGraph';
import { useKeepUndoneInView } from './useKeepUndoneInView';

/** Props of {@link Canvas}. */
export interface CanvasProps {
  /** Why the edge being dragged would be refused where the pointer is (null when it would not). */
  readonly onHint: (reason: string | null) => void;
  /** A refusal to show after the fact (an edge dropped on a port that refuses it). */
  readonly onRefused: (reason: string) => void;
}

const portOf = (node: string, handle: string | null | undefined) => ({ node, port: handle ?? '' });

/**
 * The first fit, before the canvas is measured: a canvas of 800 × 500 is a fair guess, and the
 * minimap's corner is kept free either way (later fits measure; see fitPadding).
 */
const INITIAL_FIT = fitOptions({ width: 800, height: 500 }, { width: 800, height: 300 }, MINIMAP_SIZE);

const MINIMAP_COLORS: Record<string, string> = { data: '#0c8599', network: '#6741d9', distribution: '#d9480f', parameter: '#2f9e44', unknown: '#868e96' };

/**
 * The canvas: React Flow in controlled mode over the editor store. Moves, selection and edges go
 * through the store's actions (so they undo); a connection is checked with the store's
 * checkConnection while dragging and refused with its reason; palette entries drop where released.
 */
export function Canvas({ onHint, onRefused }: CanvasProps) {
  const { nodes, applySizes } = useFlowNodes();
  const edges = useFlowEdges();
  const { screenToFlowPosition } = useReactFlow();
  const [dropping, setDropping] = useState(false);
  const hasNodes = useEditor((s) => s.nodes.length > 0);
  const connecting = useKeyboardConnection((s) => s.pending !== null);
  // React Flow fits when this prop turns true: only a graph there at start (a recovered copy) is
  // fitted by it; a node dropped on an empty canvas must stay where it was dropped, and opened
  // files fit through useCanvasCommands.restoreView.
  const [fitAtStart] = useState(() => editorStore.getState().nodes.length > 0);
  const [minimap, setMinimap] = useStoredFlag(MINIMAP_SHOWN);
  const { fit } = useFitGraph();
  useKeepUndoneInView(fit);

  const onNodesChange = useCallback(
    (changes: NodeChange<StudioNode>[]) => {
      applySizes(changes);
      const s = editorStore.getState();
      const moves: Record<string, { x: number; y: number }> = {};
      let moved = false;
      let selection: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          moves[c.id] = c.position;
          moved = true;
        } else if (c.type === 'select') {
          selection ??= new Set(s.selectedNodeIds);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      }
      if (moved) s.moveNodes(moves);
      if (selection) s.select({ nodes: [...selection], edges: s.selectedEdgeIds });
    },
    [applySizes],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<StudioEdge>[]) => {
    const s = editorStore.getState();
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type !== 'select') continue;
      selection ??= new Set(s.selectedEdgeIds);
      if (c.selected) selection.add(c.id);
      else selection.delete(c.id);
    }
    if (selection) s.select({ nodes: s.selectedNodeIds, edges: [...selection] });
  }, []);

  const isValidConnection: IsValidConnection<StudioEdge> = useCallback(
    (c) => editorStore.getState().checkConnection(portOf(c.source, c.sourceHandle), portOf(c.target, c.targetHandle)).ok,
    [],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const r = editorStore.getState().connect(portOf(c.source, c.sourceHandle), portOf(c.target, c.targetHandle));
      if (!r.ok) onRefused(r.reason);
    },
    [onRefused],
  );

  const onConnectEnd: OnConnectEnd = useCallback(
    (_event, state: FinalConnectionState) => {
      onHint(null);
      if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
      const from = portOf(state.fromHandle.nodeId, state.fromHandle.id);
      const to = portOf(state.toHandle.nodeId, state.toHandle.id);
      const [source, target] = state.fromHandle.type === 'source' ? [from, to] : [to, from];
      const r = editorStore.getState().checkConnection(source, target);
      onRefused(r.ok ? 'an edge goes from an output (right side) to an input (left side)' : r.reason);
    },
    [onHint, onRefused],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(KIND_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      setDropping(false);
      const kind = e.dataTransfer.getData(KIND_MIME);
      if (!kind) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const s = editorStore.getState();
      const r = s.addNode(kind, { x: Math.round(p.x - NODE_HALF.x), y: Math.round(p.y - NODE_HALF.y) });
      if (r.ok) s.select({ nodes: [r.id] });
      else onRefused(r.reason);
    },
    [screenToFlowPosition, onRefused],
  );

  const onMoveEnd = useCallback((_e: unknown, viewport: Viewport) => {
    editorStore.getState().setViewport({ x: viewport.x, y: viewport.y, zoom: viewport.zoom });
  }, []);

  return (
    <div className={`canvas${dropping ? ' canvas--drop' : ''}${connecting ? ' canvas--connecting' : ''}`} id="canvas" aria-label="Model canvas" role="region">
      <ReactFlow<StudioNode, StudioEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={() => editorStore.getState().beginDrag()}
        onNodeDragStop={() => editorStore.getState().endDrag()}
        onSelectionDragStart={() => editorStore.getState().beginDrag()}
        onSelectionDragStop={() => editorStore.getState().endDrag()}
        onPaneClick={() => editorStore.getState().clearSelection()}
        isValidConnection={isValidConnection}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onDragOver={onDragOver}
        onDragLeave={() => setDropping(false)}
        onDrop={onDrop}
        onMoveEnd={onMoveEnd}
        // Delete and select-all go through the store's keyboard table, so they undo like the rest.
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        selectionMode={SelectionMode.Partial}
        connectionLineType={ConnectionLineType.Bezier}
        connectionRadius={28}
        minZoom={0.15}
        maxZoom={2.5}
        snapToGrid
        snapGrid={[10, 10]}
        fitView={fitAtStart}
        fitViewOptions={INITIAL_FIT}
        proOptions={{ hideAttribution: true }}
        elevateEdgesOnSelect
        nodesFocusable
        edgesFocusable
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#c9ced6" />
        {/* An empty canvas has nothing to zoom or overview (and the start screen's buttons sit there). */}
        {hasNodes ? (
          <Controls position="bottom-left" showInteractive={false} showFitView={false} aria-label="Zoom controls">
            {/* React Flow's own Fit View would not keep the nodes off the minimap (fitPadding). */}
            <ControlButton onClick={() => fit(200)} className="react-flow__controls-fitview" aria-label="Fit View" title="Fit View">
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" fill="none" stroke="currentColor" strokeWidth="1.6" />
              </svg>
            </ControlButton>
            <ControlButton
              onClick={() => setMinimap(!minimap)}
              aria-pressed={minimap}
              aria-label={minimap ? 'Hide the overview map' : 'Show the overview map'}
              title={minimap ? 'Hide the overview map' : 'Show the overview map'}
              className="canvas__minimap-toggle"
            >
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <rect x="1.5" y="3" width="13" height="10" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
                <rect x="8" y="8" width="4.5" height="3" fill="currentColor" />
              </svg>
            </ControlButton>
          </Controls>
        ) : null}
        {hasNodes && minimap ? (
          <MiniMap
            position="bottom-right"
            pannable
            zoomable
            style={{ width: MINIMAP_SIZE.width, height: MINIMAP_SIZE.height }}
            nodeColor={(n) => MINIMAP_COLORS[n.type ?? 'unknown'] ?? '#868e96'}
            nodeStrokeWidth={0}
            ariaLabel="Overview"
          />
        ) : null}
        <ConnectionHint onHint={onHint} />
      </ReactFlow>
      <KeyboardConnectionStatus onRefused={onRefused} />
    </div>
  );
}
