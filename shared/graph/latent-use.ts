import type { AnalyzedNode } from './analyze';
import type { ProblemList } from './problems';

/**
 * Warnings about latents the model does not use: a latent whose sample feeds nothing, and an
 * observed variable that depends on no latent while the model has some (its parameters are
 * constants or come from parts that no latent reaches: deleting the VAE's decoder leaves x with
 * the constant logits 0, and the "model" is every pixel a coin flip). Both train without error,
 * which is what makes them worth saying.
 */
export function latentUseChecks(nodes: ReadonlyMap<string, AnalyzedNode>, problems: ProblemList): void {
  const latents = [...nodes.values()].filter((a) => a.kind.category === 'distribution' && a.params.role === 'latent');
  if (latents.length === 0) return;
  for (const z of latents) {
    if ((z.consumers.sample?.length ?? 0) === 0) {
      problems.warning('latent-unused', `latent ${z.node.name} feeds nothing: its sample is not connected, so the model ignores ${z.node.name}; connect it to a network (a decoder) or to a distribution's parameter`, { nodeId: z.node.id, port: 'sample' });
    }
  }
  const latentIds = new Set(latents.map((z) => z.node.id));
  const reaches = memoisedLatentReach(nodes, latentIds);
  const names = latents.map((z) => z.node.name).join(', ');
  for (const x of nodes.values()) {
    if (x.kind.category !== 'distribution' || x.params.role !== 'observed' || !x.kind.family) continue;
    const params = x.kind.family.paramPorts.map((p) => p.name);
    const dependsOnLatent = params.some((port) => (x.inputs[port] ?? []).some((inc) => reaches(inc.sourceNodeId)));
    if (dependsOnLatent) continue;
    const constants = params.filter((port) => (x.inputs[port]?.length ?? 0) === 0).map((port) => `${port} = ${String(x.params[port])}`);
    const why = constants.length === params.length ? `its ${constants.join(', ')} ${constants.length === 1 ? 'is a constant' : 'are constants'}` : `none of its parameters depends on a latent${constants.length ? ` (${constants.join(', ')} unconnected)` : ''}`;
    problems.warning('ignores-latents', `${x.node.name} ignores ${names}: ${why}; connect a network fed by ${latents.length === 1 ? `${names}'s sample` : 'a latent\'s sample'} to ${params.length === 1 ? `its ${params[0]}` : 'its parameters'}`, { nodeId: x.node.id, ...(constants.length ? { port: params.find((p) => (x.inputs[p]?.length ?? 0) === 0)! } : {}) });
  }
}

/** Whether a latent's sample flows into a node (through any of its inputs, transitively). */
function memoisedLatentReach(nodes: ReadonlyMap<string, AnalyzedNode>, latentIds: ReadonlySet<string>): (id: string) => boolean {
  const memo = new Map<string, boolean>();
  const visit = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    memo.set(id, false); // a cycle (reported elsewhere) ends here
    const a = nodes.get(id);
    let result = false;
    if (latentIds.has(id)) result = true;
    else if (a) {
      // A latent's own posterior does not make its prior depend on the latent; for other nodes every input counts.
      result = Object.entries(a.inputs).some(([, list]) => list.some((inc) => visit(inc.sourceNodeId)));
    }
    memo.set(id, result);
    return result;
  };
  return visit;
}
