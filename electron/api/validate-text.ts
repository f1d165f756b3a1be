import { analyzeGraph, GraphFileError, parseGraphFile } from '../../shared/graph/index';
import type { Result } from '../../shared/protocol/api';

/**
 * graph.validate: a file error if the text does not open as a graph file, otherwise every problem
 * of the graph, copied to plain objects (only the fields the protocol knows cross the boundary).
 */
export function validateGraphText(text: string): Result<'graph.validate'> {
  let doc;
  try {
    doc = parseGraphFile(text);
  } catch (e) {
    if (e instanceof GraphFileError) return { ok: false, fileError: { kind: e.kind, message: e.message } };
    throw e;
  }
  const problems = analyzeGraph(doc.graph, {}, doc.training).problems.map((p) => ({
    severity: p.severity,
    code: p.code,
    message: p.message,
    ...(p.nodeId !== undefined && { nodeId: p.nodeId }),
    ...(p.port !== undefined && { port: p.port }),
    ...(p.edgeId !== undefined && { edgeId: p.edgeId }),
    ...(p.param !== undefined && { param: p.param }),
  }));
  return { ok: true, problems };
}
