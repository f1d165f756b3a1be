import type { MnistParams } from '../../../shared/graph/index';
import { mnistPartialLabels } from '../../../shared/graph/index';
import { BatchSchedule } from '../data/batcher';
import { LabelledBatchSchedule, type Schedule } from '../data/labelled-batcher';
import { knownLabelRows } from '../data/labelled-subset';
import type { Prepared } from './trainer';

/**
 * The batches a run visits: shuffled epochs of the training set, or, for a semi-supervised data
 * set with labelled rows per batch, that many labelled rows in every batch and unlabelled ones in
 * the rest.
 *
 * @throws Error naming the data node when its labelled rows per batch do not fit the batch
 */
export function scheduleOf(p: Pick<Prepared, 'model' | 'data'>, batchSize: number, seed: number): Schedule {
  const node = p.model.dataNode;
  const train = p.data.train;
  if (node.node.kind === 'data.mnist') {
    const params = node.params as MnistParams;
    if (params.labelledPerBatch !== undefined && mnistPartialLabels(params)) {
      const { known, unknown } = knownLabelRows(train.columns.label!.values);
      try {
        return new LabelledBatchSchedule(known, unknown, batchSize, params.labelledPerBatch, seed);
      } catch (e) {
        throw new Error(`MNIST node ${node.node.name}: ${(e as Error).message}`);
      }
    }
  }
  return new BatchSchedule(train.length, batchSize, seed);
}
