import { useCallback, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
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

/** Props of {@link Canvas}. */
export interface CanvasProps {
  /** Why the edge being dragged would be refused where the pointer is (null when it would not). */
  readonly onHint: (reason: string | null) => void;
  /** A refusal to show after the fact (an edge dropped on a port that refuses it). */
  readonly onRefused: (reason: string) => void;
}

const portOf = (node: string, handle: string | null | undefined) => ({ node, port: handle ?? '' });

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
        fitView={hasNodes}
        fitViewOptions={{ padding: 0.2, maxZoom: 1.1 }}
        proOptions={{ hideAttribution: true }}
        elevateEdgesOnSelect
        nodesFocusable
        edgesFocusable
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#c9ced6" />
        <Controls position="bottom-left" showInteractive={false} aria-label="Zoom controls" />
        <MiniMap position="bottom-right" pannable zoomable style={{ width: 168, height: 112 }} nodeColor={(n) => MINIMAP_COLORS[n.type ?? 'unknown'] ?? '#868e96'} nodeStrokeWidth={0} ariaLabel="Overview" />
        <ConnectionHint onHint={onHint} />
      </ReactFlow>
      <KeyboardConnectionStatus onRefused={onRefused} />
    </div>
  );
}
