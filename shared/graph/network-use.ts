import type { AnalyzedNode } from './analyze';
import type { ProblemList } from './problems';

/**
 * Warnings about networks whose outputs go nowhere: a network whose heads feed nothing is trained
 * for nothing (its parameters get no gradient), and a head that feeds nothing beside others that
 * do is computed for nothing. Both train without error, which is what makes them worth saying.
 */
export function networkUseChecks(nodes: ReadonlyMap<string, AnalyzedNode>, problems: ProblemList): void {
  for (const a of nodes.values()) {
    if (a.kind.category !== 'network') continue;
    const heads = a.ports.filter((p) => p.direction === 'out').map((p) => p.name);
    const unused = heads.filter((h) => (a.consumers[h]?.length ?? 0) === 0);
    if (unused.length === 0) continue;
    const name = a.node.name;
    if (unused.length === heads.length) {
      const what = heads.length === 1 ? `its output ${heads[0]} is not connected` : `none of its heads (${heads.join(', ')}) is connected`;
      problems.warning('network-unused', `network ${name} feeds nothing: ${what}, so it is trained for nothing; connect ${heads.length === 1 ? 'it' : 'a head'} to a distribution's parameter or to another network`, {
        nodeId: a.node.id,
        port: heads[0]!,
      });
      continue;
    }
    for (const head of unused) {
      problems.warning('head-unused', `head ${head} of ${name} feeds nothing: it is computed and never used; connect it to a distribution's parameter, or remove the head`, { nodeId: a.node.id, port: head });
    }
  }
}
