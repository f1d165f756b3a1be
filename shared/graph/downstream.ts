import type { Analysis } from './analyze';

/**
 * The latent and observed variables whose distribution depends on a latent's value, through any
 * path of nodes (node ids). A score-function latent's learning signal is made of their terms, so
 * the engine's objectives and the maths view both read this one traversal.
 */
export function randomVariablesAfter(analysis: Pick<Analysis, 'nodes'>, latentId: string): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>([latentId]);
  const stack = [latentId];
  while (stack.length) {
    const a = analysis.nodes.get(stack.pop()!)!;
    for (const edges of Object.values(a.consumers)) {
      for (const e of edges) {
        if (seen.has(e.target.node)) continue;
        seen.add(e.target.node);
        const t = analysis.nodes.get(e.target.node)!;
        if (t.kind.category === 'distribution' && (t.params.role === 'latent' || t.params.role === 'observed')) found.add(t.node.id);
        stack.push(e.target.node);
      }
    }
  }
  return found;
}
