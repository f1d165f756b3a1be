import type { Problem } from '../shared/graph/index';

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

/** Seconds as "1m 05s" / "42s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
