import type { Incoming, InferContext } from './kind';
import { describeDomain, describeShape } from '../values';

/** A sequence a sequence network reads: T positions of token ids over a vocabulary of V, or of E-dimensional vectors. */
export type SequenceInput =
  | { readonly kind: 'ids'; readonly positions: number; readonly vocabulary: number }
  | { readonly kind: 'vectors'; readonly positions: number; readonly width: number };

/**
 * What arrives at a sequence network's port: token ids (an index column of several positions, with
 * its vocabulary known) or, where `vectors` is allowed, an Embedding's vectors per position. Any
 * other value is a problem naming the node, the port and what arrived; null is returned then (and
 * when nothing is connected).
 */
export function sequenceInput(ctx: InferContext<unknown>, port: string, what: string, vectors: boolean): SequenceInput | null {
  const inc: Incoming | undefined = ctx.inputs[port]?.[0];
  if (!inc) return null;
  const t = inc.type;
  if (t.positions !== undefined && vectors && t.size !== null) return { kind: 'vectors', positions: t.positions, width: t.size };
  if (t.positions === undefined && t.domain === 'index' && t.size !== null && t.size > 1 && t.categories != null) {
    return { kind: 'ids', positions: t.size, vocabulary: t.categories };
  }
  const takes = vectors ? 'token ids (a text node\'s tokens) or an Embedding\'s vectors' : 'token ids (a text node\'s sequence)';
  const holds = t.positions !== undefined ? `a sequence of vectors ${describeShape(t)}` : t.domain === 'index' ? `one class index (${describeShape(t)}), not a sequence` : describeDomain(t.domain, t.categories);
  ctx.problems.error('domain-mismatch', `${what} ${ctx.node.name} reads ${takes} on '${port}'; ${inc.sourceLabel} holds ${holds}`, { nodeId: ctx.node.id, port, edgeId: inc.edgeId });
  return null;
}
