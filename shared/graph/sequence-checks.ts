import type { AnalyzedNode } from './analyze';
import type { ProblemList } from './problems';

/**
 * Checks of sentence models as a whole: a GRU decoder's logits (one row of V per position) are
 * read only by an observed Categorical of a sequence of the same length and vocabulary, which is
 * the very sequence the decoder reads for teacher forcing; and a Categorical observing a sequence
 * has such logits (it is generated token by token through the decoder, which nothing else can).
 */
export function sequenceChecks(nodes: ReadonlyMap<string, AnalyzedNode>, problems: ProblemList): void {
  for (const dec of nodes.values()) {
    if (dec.node.kind !== 'network.gruDecoder') continue;
    for (const edge of dec.consumers.logits ?? []) {
      const user = nodes.get(edge.target.node);
      if (!user) continue;
      const isObservedCategorical = user.kind.family?.family === 'categorical' && user.params.role === 'observed' && edge.target.port === 'logits';
      if (!isObservedCategorical) {
        const what = user.kind.category === 'distribution' ? `${user.params.role} ${user.kind.displayName}` : user.kind.displayName;
        problems.error('domain-mismatch', `the logits of GRU decoder ${dec.node.name} (one row per position) go only to the logits of an observed Categorical of the sentence, not to ${what} ${user.node.name}`, { nodeId: user.node.id, port: edge.target.port, edgeId: edge.id });
      }
    }
  }
  for (const x of nodes.values()) {
    if (x.kind.family?.family !== 'categorical' || x.params.role !== 'observed') continue;
    const value = x.inputs.value?.[0];
    const logits = x.inputs.logits?.[0];
    const sequence = value !== undefined && value.type.domain === 'index' && value.type.size !== null && value.type.size > 1;
    const fromDecoder = logits !== undefined && nodes.get(logits.sourceNodeId)?.node.kind === 'network.gruDecoder';
    if (sequence && !fromDecoder) {
      const got = logits ? `${logits.sourceLabel} gives one set of logits per example` : 'its logits are unconnected';
      problems.error('missing-input', `Categorical ${x.node.name} observes a sequence (${value.sourceLabel}) and needs logits per position from a GRU decoder; ${got}`, { nodeId: x.node.id, port: 'logits', ...(logits ? { edgeId: logits.edgeId } : {}) });
      continue;
    }
    if (!fromDecoder || !logits) continue;
    if (!sequence) {
      if (value) problems.error('domain-mismatch', `Categorical ${x.node.name} takes logits per position from GRU decoder ${nodes.get(logits.sourceNodeId)!.node.name}, so it observes a sequence of token ids (a text node's sequence); ${value.sourceLabel} is not one`, { nodeId: x.node.id, port: 'value', edgeId: value.edgeId });
      continue;
    }
    const dec = nodes.get(logits.sourceNodeId)!;
    const source = nodes.get(value.sourceNodeId);
    if ((source?.node.kind === 'data.text' || source?.node.kind === 'data.mobyDick') && value.sourcePort !== 'sequence') {
      problems.warning('domain-mismatch', `Categorical ${x.node.name} observes ${value.sourceLabel}, which has no end token (a sentence as long as the maximum length ends unscored): observe 'sequence' of ${source.node.name}, the ids followed by the end token`, { nodeId: x.node.id, port: 'value', edgeId: value.edgeId });
    }
    const read = dec.inputs.tokens?.[0];
    if (read && (read.sourceNodeId !== value.sourceNodeId || read.sourcePort !== value.sourcePort)) {
      problems.error('domain-mismatch', `Categorical ${x.node.name} observes ${value.sourceLabel}, but its GRU decoder ${dec.node.name} reads ${read.sourceLabel} for teacher forcing: they must be the same sequence`, { nodeId: dec.node.id, port: 'tokens', edgeId: read.edgeId });
    }
  }
}
