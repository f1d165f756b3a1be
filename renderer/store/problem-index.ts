import type { Problem } from '../../shared/graph/index';

interface ProblemIndex {
  readonly byNode: ReadonlyMap<string, readonly Problem[]>;
  readonly byPort: ReadonlyMap<string, readonly Problem[]>;
  readonly byEdge: ReadonlyMap<string, readonly Problem[]>;
}

/** Returned for "no problems": one frozen array, so selectors stay referentially stable. */
export const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

// Built once per problems array: selectors called on every render then return the same arrays,
// which React's useSyncExternalStore requires (a fresh array per call would re-render forever).
const indexes = new WeakMap<readonly Problem[], ProblemIndex>();

const portKey = (nodeId: string, port: string): string => `${nodeId}\u0000${port}`;

function push(map: Map<string, Problem[]>, key: string, p: Problem): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}

function indexOf(problems: readonly Problem[]): ProblemIndex {
  let index = indexes.get(problems);
  if (!index) {
    const byNode = new Map<string, Problem[]>();
    const byPort = new Map<string, Problem[]>();
    const byEdge = new Map<string, Problem[]>();
    for (const p of problems) {
      if (p.nodeId !== undefined) push(byNode, p.nodeId, p);
      if (p.nodeId !== undefined && p.port !== undefined) push(byPort, portKey(p.nodeId, p.port), p);
      if (p.edgeId !== undefined) push(byEdge, p.edgeId, p);
    }
    index = { byNode, byPort, byEdge };
    indexes.set(problems, index);
  }
  return index;
}

/** The problems pointing at a node (at the node itself, one of its ports, params or incoming edges). */
export function problemsOfNode(problems: readonly Problem[], nodeId: string): readonly Problem[] {
  return indexOf(problems).byNode.get(nodeId) ?? NO_PROBLEMS;
}

/** The problems pointing at one port of a node. */
export function problemsOfPort(problems: readonly Problem[], nodeId: string, port: string): readonly Problem[] {
  return indexOf(problems).byPort.get(portKey(nodeId, port)) ?? NO_PROBLEMS;
}

/** The problems pointing at an edge. */
export function problemsOfEdge(problems: readonly Problem[], edgeId: string): readonly Problem[] {
  return indexOf(problems).byEdge.get(edgeId) ?? NO_PROBLEMS;
}
