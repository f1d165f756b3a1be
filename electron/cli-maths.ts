import type { GraphFile } from '../shared/graph/index';
import { describeMaths, mathsLatex } from '../shared/maths/index';
import { formatProblem } from './cli-output';

/**
 * `latent-studio maths <graph> [--json]`: the model's equations as LaTeX (or the structured
 * description as JSON). An invalid graph prints the problem that stops it, not equations, and
 * returns 1 (the CLI's "invalid" code).
 */
export function runMathsCommand(doc: GraphFile, path: string, opts: { json?: boolean }): number {
  const result = describeMaths(doc);
  if (!result.ok) {
    const names = new Map(doc.graph.nodes.map((n) => [n.id, n.name]));
    if (opts.json) console.log(JSON.stringify({ ok: false, problem: result.problem }));
    console.error(`latent-studio: no equations for ${path}: the graph is invalid`);
    console.error(formatProblem(result.problem, names));
    return 1;
  }
  process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : mathsLatex(result.maths));
  return 0;
}
