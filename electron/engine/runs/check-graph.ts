import { analyzeGraph, GraphFileError, type GraphFile, isTrainable, parseGraphFile } from '../../../shared/graph/index';
import { RunRequestError } from './run-request-error';

/** How many problems the refusal's message spells out (all of them are in `problems`). */
const LISTED = 10;

/**
 * Checks a graph file's text before a run is created for it: it must open (parseGraphFile) and
 * have no error-level problem (analyzeGraph). Refuses with an `invalid-graph` RunRequestError whose
 * message lists the problems, each with the node it concerns, so the user sees them all at once.
 * The worker checks again once the data is loaded (label counts can add problems).
 */
export function checkTrainable(graphText: string): GraphFile {
  let doc: GraphFile;
  try {
    doc = parseGraphFile(graphText);
  } catch (e) {
    if (e instanceof GraphFileError) throw new RunRequestError('invalid-graph', `the graph cannot be trained: ${e.message}`);
    throw e;
  }
  const problems = analyzeGraph(doc.graph, {}, doc.training).problems;
  if (isTrainable(problems)) return doc;
  const names = new Map(doc.graph.nodes.map((n) => [n.id, n.name]));
  const errors = problems.filter((p) => p.severity === 'error');
  const lines = errors.slice(0, LISTED).map((p) => {
    const where = p.nodeId !== undefined ? `${names.get(p.nodeId) ?? p.nodeId}${p.port !== undefined ? `.${p.port}` : ''}: ` : '';
    return `${where}${p.message}`;
  });
  const more = errors.length > LISTED ? `; and ${errors.length - LISTED} more` : '';
  throw new RunRequestError(
    'invalid-graph',
    `the graph cannot be trained: ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${lines.join('; ')}${more}`,
    problems.map((p) => ({ ...p })),
  );
}
