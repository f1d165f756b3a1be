import type { StateCreator, StoreMutatorIdentifier } from 'zustand/vanilla';
import { analyzeGraph } from '../../shared/graph/index';
import { deepEqual } from './deep-equal';
import type { EditorState } from './editor-state';
import { snapshotOf, toGraph } from './graph-document';
import { dataProblems, draftProblems, textDataProblems } from './outside-problems';
import type { EditorNode } from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Whether two node lists hold the same model (ids, kinds, names, params), whatever the positions. */
function sameModel(a: readonly EditorNode[], b: readonly EditorNode[]): boolean {
  return a.length === b.length && a.every((n, i) => {
    const m = b[i]!;
    return n.id === m.id && n.kind === m.kind && n.name === m.name && n.params === m.params;
  });
}

function keepIf(ids: readonly string[], present: ReadonlySet<string>): readonly string[] {
  return ids.every((id) => present.has(id)) ? ids : ids.filter((id) => present.has(id));
}

/**
 * The fields that follow from the document: validation (with the problems found outside the
 * analysis: data files, training settings typed out of range), the dirty flag, and a selection pruned of
 * ids that no longer exist (after an undo removed them). Analysis is memoised by the model's
 * identity, so dragging a node does not re-run the validator on every mouse move.
 */
export function derive(prev: EditorState | undefined, next: EditorState): Partial<EditorState> {
  const out: Partial<Mutable<EditorState>> = {};
  const nodesOrEdges = !prev || prev.nodes !== next.nodes || prev.edges !== next.edges;
  let modelChanged = false;
  if (nodesOrEdges || prev.training !== next.training) {
    // The training settings take part: the objective decides which estimators a latent may use.
    if (!prev || prev.edges !== next.edges || prev.training !== next.training || !sameModel(prev.nodes, next.nodes)) {
      modelChanged = true;
      out.graph = toGraph(next.nodes, next.edges);
      out.analysis = analyzeGraph(out.graph, {}, next.training);
    }
  }
  if (modelChanged || !prev || prev.csvChecks !== next.csvChecks || prev.textChecks !== next.textChecks || prev.trainingDrafts !== next.trainingDrafts || prev.filePath !== next.filePath) {
    // What reading the data files found, and settings typed out of range, are problems like the
    // analysis's: listed, counted, and blocking Train.
    const analysis = out.analysis ?? next.analysis;
    const outside = [...dataProblems(next.nodes, next.filePath, next.csvChecks), ...textDataProblems(next.nodes, next.filePath, next.textChecks), ...draftProblems(next.trainingDrafts)];
    const problems = outside.length === 0 ? analysis.problems : [...analysis.problems, ...outside];
    if (!prev || problems !== prev.problems) out.problems = problems;
  }
  if (nodesOrEdges) {
    const selectedNodeIds = keepIf(next.selectedNodeIds, new Set(next.nodes.map((n) => n.id)));
    const selectedEdgeIds = keepIf(next.selectedEdgeIds, new Set(next.edges.map((e) => e.id)));
    if (selectedNodeIds !== next.selectedNodeIds) out.selectedNodeIds = selectedNodeIds;
    if (selectedEdgeIds !== next.selectedEdgeIds) out.selectedEdgeIds = selectedEdgeIds;
  }
  if (nodesOrEdges || prev.meta !== next.meta || prev.training !== next.training || prev.saved !== next.saved) {
    // Compared by content, not by an edit counter, so editing back to the saved document is clean.
    out.dirty = !deepEqual(snapshotOf(next), next.saved);
  }
  return out;
}

/**
 * Middleware that keeps the derived fields (see derive) current on every state change, including
 * the ones zundo makes on undo and redo. It sits outside `temporal` so that zundo's own set goes
 * through it; the derived fields land in the same update as the change, so no subscriber ever sees
 * problems that belong to another document.
 */
export function withDerived<Mcs extends [StoreMutatorIdentifier, unknown][]>(init: StateCreator<EditorState, [], Mcs>): StateCreator<EditorState, [], Mcs> {
  return (set, get, api) => {
    const deriving = ((partial: unknown, replace?: boolean) => {
      const prev = get();
      const patch = (typeof partial === 'function' ? partial(prev) : partial) as Partial<EditorState>;
      const next = (replace ? patch : { ...prev, ...patch }) as EditorState;
      const all = { ...patch, ...derive(prev, next) };
      if (replace) set(all as EditorState, true);
      else set(all);
    }) as typeof set;
    api.setState = deriving;
    const initial = init(deriving, get, api);
    return { ...initial, ...derive(undefined, initial) };
  };
}
