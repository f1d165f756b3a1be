import type * as tf from '@tensorflow/tfjs';
import type { Analysis } from '../../../shared/graph/index';
import type { CompiledModel } from '../compile/model';

/** The inference network's parameters: what the lab differentiates with respect to. */
export interface InferenceParameters {
  /** The networks and free parameters feeding the latents' posteriors, by node name. */
  readonly nodes: readonly string[];
  /** Their variables' stable names (as checkpoints name them), in the model's order. */
  readonly names: readonly string[];
  /** The number of scalars in all of them. */
  readonly size: number;
}

/** The kinds of node that hold variables (flow steps compute from their MADEs' outputs and hold none). */
const WITH_VARIABLES: ReadonlySet<string> = new Set(['network.mlp', 'network.made', 'network.embedding', 'network.gruEncoder', 'network.gruDecoder', 'param.learnable']);

/**
 * The nodes upstream of the latents' approximate posteriors (through any port, so an encoder
 * fed by another latent's sample counts its own encoder too) that hold variables: networks and
 * learnable parameters. A learned baseline's network feeds the `baseline` port, not a posterior,
 * so it is left out, as are the prior's and the decoder's parameters.
 */
export function inferenceNodeIds(analysis: Analysis): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const a of analysis.nodes.values()) {
    if (a.kind.category === 'distribution' && a.params.role === 'latent') for (const inc of a.inputs.posterior ?? []) stack.push(inc.sourceNodeId);
  }
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const a = analysis.nodes.get(id)!;
    // An IAF posterior's MADEs are part of q, like the encoder (and a GRU encoder's Embedding).
    if (WITH_VARIABLES.has(a.node.kind)) found.add(id);
    for (const list of Object.values(a.inputs)) for (const inc of list) stack.push(inc.sourceNodeId);
  }
  return found;
}

/** The model's variables that belong to the inference network, with their names, in the model's order. */
export function inferenceVariables(model: CompiledModel): { params: InferenceParameters; variables: tf.Variable[] } {
  const ids = inferenceNodeIds(model.analysis);
  const nodes = [...ids].map((id) => model.analysis.nodes.get(id)!.node.name);
  const prefixes = nodes.map((n) => `${n}/`);
  const named = model.namedVariables.filter(([name]) => prefixes.some((p) => name.startsWith(p)));
  const variables = named.map(([, v]) => v);
  return { params: { nodes, names: named.map(([n]) => n), size: variables.reduce((s, v) => s + v.size, 0) }, variables };
}
