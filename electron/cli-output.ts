import type { GraphFile, Problem } from '../shared/graph/index';

/** One problem as a line: severity, where, what. */
export function formatProblem(p: Problem, nodeNames: ReadonlyMap<string, string>): string {
  const where = [
    p.nodeId !== undefined ? `node ${nodeNames.get(p.nodeId) ?? p.nodeId}` : null,
    p.port !== undefined ? `port '${p.port}'` : null,
    p.param !== undefined ? `param '${p.param}'` : null,
    p.edgeId !== undefined && p.nodeId === undefined ? `edge ${p.edgeId}` : null,
  ].filter(Boolean).join(', ');
  return `${p.severity === 'error' ? 'error  ' : 'warning'} ${where ? `[${where}] ` : ''}${p.message}`;
}

/** Prints each problem of a graph that cannot be trained on stderr, a line each, nodes by name. */
export function printProblems(problems: readonly Problem[], doc: GraphFile): void {
  const names = new Map(doc.graph.nodes.map((x) => [x.id, x.name]));
  for (const problem of problems) console.error(formatProblem(problem, names));
}

/** Seconds as "1m 05s" / "42s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
