import type { AnalyzedNode } from './analyze';
import { observedWhereKnown } from './catalog/known-labels';
import type { ProblemList } from './problems';
import type { TrainingSettings } from './document';

/**
 * A partly known column (a semi-supervised label, −1 where it was withheld) may feed only the
 * `known` port of a latent observed where known: a network would read "unknown" as a class (its
 * one-hot is all zeros, which tells the model which rows are labelled), and an observed Categorical
 * would score a class that is not there. Each problem names the node that reads the column.
 */
export function partialLabelChecks(nodes: ReadonlyMap<string, AnalyzedNode>, problems: ProblemList): void {
  for (const source of nodes.values()) {
    for (const [port, type] of Object.entries(source.outputs)) {
      if (!type.partial) continue;
      for (const edge of source.consumers[port] ?? []) {
        const target = nodes.get(edge.target.node);
        if (!target || (edge.target.port === 'known' && observedWhereKnown(target.params))) continue;
        const what = `${source.node.name}'s ${port}, which is unknown (−1) on the unlabelled rows,`;
        const fix = `wire it to the 'known' port of a latent Categorical observed where known, or set ${source.node.name}'s unlabelled examples to drop`;
        const reader = target.kind.category === 'distribution' ? `${String(target.params.role)} ${target.node.name}` : `${target.kind.displayName} ${target.node.name}`;
        problems.error('known-labels', `${reader} reads ${what} as if every row had one: ${fix}`, { nodeId: target.node.id, port: edge.target.port, edgeId: edge.id });
      }
    }
  }
}

/** A data node's labelled rows per batch leave room for unlabelled rows in the training batch. */
export function labelledBatchChecks(nodes: ReadonlyMap<string, AnalyzedNode>, training: TrainingSettings, problems: ProblemList): void {
  for (const a of nodes.values()) {
    const perBatch = a.kind.category === 'data' ? (a.params.labelledPerBatch as number | undefined) : undefined;
    if (perBatch !== undefined && perBatch >= training.batchSize) {
      problems.error('invalid-param', `${a.kind.displayName} ${a.node.name} puts ${perBatch} labelled rows in each batch of ${training.batchSize}, which leaves none for unlabelled rows: make it smaller than the batch size`, { nodeId: a.node.id, param: 'labelledPerBatch' });
    }
  }
}
