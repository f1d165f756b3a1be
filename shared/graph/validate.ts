import type { Graph } from './document';
import type { Problem } from './problems';
import { analyzeGraph } from './analyze';

/** Every problem of a graph, errors and warnings, each pointing at a node, port, edge or param. */
export function validateGraph(graph: Graph): Problem[] {
  return [...analyzeGraph(graph).problems];
}
