import { canConnect, getKind, trainingSchema, type PortRef, type TrainingSettings } from '../../shared/graph/index';
import { commit, finishDrag } from './commit';
import { deepEqual } from './deep-equal';
import type { SliceCreator } from './editor-state';
import { snapshotOf } from './graph-document';
import { freshEdgeId } from './names';
import { newNode } from './new-node';
import type { DocSnapshot, EditResult, EditorNode, GraphMeta, XY } from './types';

/** The edits of a document. Each changes the document as one undo step, or nothing. */
export interface EditSlice {
  /**
   * Adds a node of a catalog kind at `position` with the kind's defaults (overridden by `params`),
   * a fresh id and a unique readable name (z, z_2, …). Refused for a kind the catalog lacks.
   */
  addNode(kind: string, position: XY, params?: Readonly<Record<string, unknown>>): EditResult<{ id: string }>;
  /** Removes the selected nodes and edges, and every edge attached to a removed node. */
  removeSelection(): void;
  /** Renames a node; refused for an empty, too long or already used name. */
  renameNode(id: string, name: string): EditResult;
  /**
   * Merges `patch` into a node's params (a key set to undefined is removed). Values are stored even
   * when the kind's schema rejects them, so typing is never blocked; they show up in `problems`.
   * Edges on ports that the new params remove are kept (and reported) so a half-typed head name
   * does not delete its wiring.
   */
  updateParams(id: string, patch: Readonly<Record<string, unknown>>): EditResult;
  /** Adds an edge if canConnect allows it; otherwise returns the reason and changes nothing. */
  connect(source: PortRef, target: PortRef): EditResult<{ id: string }>;
  /** Removes an edge. */
  disconnect(edgeId: string): EditResult;
  /** Moves nodes (by id; unknown ids are ignored). During a drag the moves share one undo step. */
  moveNodes(positions: Readonly<Record<string, XY>>): void;
  /** Starts a drag: moves until endDrag() become one undo step. */
  beginDrag(): void;
  /** Ends a drag, recording it as one undo step if anything moved. */
  endDrag(): void;
  /** The document when the current drag began (internal to drag coalescing); null when not dragging. */
  readonly dragStart: DocSnapshot | null;
  /**
   * Changes training settings. Refused when the result breaks the schema: unlike node params,
   * invalid training settings would make the saved file fail to open again.
   */
  setTraining(patch: Partial<TrainingSettings>): EditResult;
  /** Changes the title or description (a key set to undefined is removed). */
  setMeta(patch: Partial<GraphMeta>): void;
  /** Places nodes as computed by the auto-layout (elsewhere), as one undo step. */
  autoLayout(positions: Readonly<Record<string, XY>>): void;
}

/** Param changes closer together than this (same node, same params) are one undo step. */
export const TYPING_WINDOW_MS = 1500;

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** `items` itself when the predicate keeps them all, so an edit that removes nothing changes nothing. */
function keep<T>(items: readonly T[], pred: (item: T) => boolean): readonly T[] {
  const kept = items.filter(pred);
  return kept.length === items.length ? items : kept;
}

/** Nodes with new positions, or the same array when none moved. */
function placed(nodes: readonly EditorNode[], positions: Readonly<Record<string, XY>>): readonly EditorNode[] {
  let changed = false;
  const next = nodes.map((n) => {
    const p = positions[n.id];
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? next : nodes;
}

/** Merges a patch, removing keys set to undefined. */
function merged<T extends object>(base: T, patch: Readonly<Record<string, unknown>>): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as T;
}

const MAX_NAME = 100;

/** The edit slice: every edit goes through commit(), so it is one undo step. */
export const createEditSlice: SliceCreator<EditSlice> = (ctx) => {
  const { get, set } = ctx;
  const replaceNode = (id: string, change: (n: EditorNode) => EditorNode): void => {
    commit(ctx, { nodes: get().nodes.map((n) => (n.id === id ? change(n) : n)) });
  };
  // Typing "784" into a field sends 7, 78, 784: consecutive changes of the same params of the same
  // node within TYPING_WINDOW_MS, with no other edit or undo between them, are one undo step.
  let lastParamEdit: { key: string; at: number; pastLength: number } | null = null;
  const coalesceTyping = (id: string, keys: string): void => {
    const history = ctx.history();
    const past = history.getState().pastStates;
    const now = Date.now();
    const key = `${id}:${keys}`;
    if (lastParamEdit && lastParamEdit.key === key && now - lastParamEdit.at < TYPING_WINDOW_MS && past.length === lastParamEdit.pastLength + 1) {
      history.setState({ pastStates: past.slice(0, -1) });
      lastParamEdit = { key, at: now, pastLength: lastParamEdit.pastLength };
    } else {
      lastParamEdit = { key, at: now, pastLength: past.length };
    }
  };
  return {
    dragStart: null,

    addNode: (kindName, position, params = {}) => {
      const kind = getKind(kindName);
      if (!kind) return refuse(`there is no node kind '${kindName}' in this version of Latent Studio`);
      const { nodes } = get();
      const node = newNode(kind, position, params, { ids: new Set(nodes.map((n) => n.id)), names: new Set(nodes.map((n) => n.name)) });
      commit(ctx, { nodes: [...nodes, node] });
      return { ok: true, id: node.id };
    },

    removeSelection: () => {
      const { nodes, edges, selectedNodeIds, selectedEdgeIds } = get();
      const goneNodes = new Set(selectedNodeIds);
      const goneEdges = new Set(selectedEdgeIds);
      commit(ctx, {
        nodes: keep(nodes, (n) => !goneNodes.has(n.id)),
        edges: keep(edges, (e) => !goneEdges.has(e.id) && !goneNodes.has(e.source.node) && !goneNodes.has(e.target.node)),
      });
    },

    renameNode: (id, wanted) => {
      const node = get().nodes.find((n) => n.id === id);
      if (!node) return refuse(`there is no node '${id}'`);
      const name = wanted.trim();
      if (name === '') return refuse('a name cannot be empty');
      if (name.length > MAX_NAME) return refuse(`a name has at most ${MAX_NAME} characters`);
      if (name === node.name) return { ok: true };
      if (get().nodes.some((n) => n.name === name)) return refuse(`there is already a node called ${name}: names tell nodes apart in messages and exports`);
      replaceNode(id, (n) => ({ ...n, name }));
      return { ok: true };
    },

    updateParams: (id, patch) => {
      const node = get().nodes.find((n) => n.id === id);
      if (!node) return refuse(`there is no node '${id}'`);
      const params = merged(node.params, patch);
      if (deepEqual(params, node.params)) return { ok: true };
      replaceNode(id, (n) => ({ ...n, params }));
      coalesceTyping(id, Object.keys(patch).sort().join(','));
      return { ok: true };
    },

    connect: (source, target) => {
      const check = canConnect(get().graph, source, target);
      if (!check.ok) return check;
      const { edges } = get();
      const id = freshEdgeId(new Set(edges.map((e) => e.id)), edges.length + 1);
      commit(ctx, { edges: [...edges, { id, source: { node: source.node, port: source.port }, target: { node: target.node, port: target.port } }] });
      return { ok: true, id };
    },

    disconnect: (edgeId) => {
      const { edges } = get();
      if (!edges.some((e) => e.id === edgeId)) return refuse(`there is no edge '${edgeId}'`);
      commit(ctx, { edges: edges.filter((e) => e.id !== edgeId) });
      return { ok: true };
    },

    moveNodes: (positions) => {
      const nodes = placed(get().nodes, positions);
      if (nodes === get().nodes) return;
      // Mid-drag, history is paused and endDrag records the whole drag; committing would end it.
      if (get().dragStart) set({ nodes });
      else commit(ctx, { nodes });
    },

    beginDrag: () => {
      if (get().dragStart) return;
      set({ dragStart: snapshotOf(get()) });
      ctx.history().getState().pause();
    },

    endDrag: () => finishDrag(ctx),

    setTraining: (patch) => {
      const parsed = trainingSchema.safeParse({ ...get().training, ...patch });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refuse(`training ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
      }
      if (!deepEqual(parsed.data, get().training)) commit(ctx, { training: parsed.data });
      return { ok: true };
    },

    setMeta: (patch) => {
      const meta = merged(get().meta, patch);
      if (!deepEqual(meta, get().meta)) commit(ctx, { meta });
    },

    autoLayout: (positions) => {
      finishDrag(ctx);
      const nodes = placed(get().nodes, positions);
      if (nodes !== get().nodes) commit(ctx, { nodes });
    },
  };
};
