import { analyzeGraph, canConnect, type Analysis, type ConnectCheck, type Graph, type PortRef, type Problem } from '../../shared/graph/index';
import type { SliceCreator } from './editor-state';
import { problemsOfEdge, problemsOfNode, problemsOfPort } from './problem-index';

/**
 * Validation derived from the document. `graph`, `analysis` and `problems` are recomputed by the
 * store after every change of the model (see derived.ts), never set by hand.
 */
export interface ValidationSlice {
  /** The model as the validator and the engine see it (no positions); a new object only when the model changed. */
  readonly graph: Graph;
  /** analyzeGraph(graph): problems, and the inferred type of every port (for shape labels on edges). */
  readonly analysis: Analysis;
  /** Every problem of the document, errors and warnings: the analysis's, then those of its data files and of training settings typed out of range. */
  readonly problems: readonly Problem[];
  /** Problems pointing at a node; the same array until the problems change (safe as a selector). */
  problemsByNode(id: string): readonly Problem[];
  /** Problems pointing at one port of a node; stable like problemsByNode. */
  problemsByPort(id: string, port: string): readonly Problem[];
  /** Problems pointing at an edge; stable like problemsByNode. */
  problemsByEdge(id: string): readonly Problem[];
  /** Whether an edge may be dropped here (canConnect on the current graph), with the reason if not. */
  checkConnection(source: PortRef, target: PortRef): ConnectCheck;
}

/** The validation slice: selectors over the derived problems, and the connection check. */
export const createValidationSlice: SliceCreator<ValidationSlice> = ({ get }) => {
  const graph: Graph = { nodes: [], edges: [] };
  const analysis = analyzeGraph(graph);
  return {
    graph,
    analysis,
    problems: analysis.problems,
    problemsByNode: (id) => problemsOfNode(get().problems, id),
    problemsByPort: (id, port) => problemsOfPort(get().problems, id, port),
    problemsByEdge: (id) => problemsOfEdge(get().problems, id),
    checkConnection: (source, target) => canConnect(get().graph, source, target),
  };
};
