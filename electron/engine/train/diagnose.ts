import * as tf from '@tensorflow/tfjs';
import type { Batch, CompiledModel } from '../compile/model';
import { disposingScope } from '../scope';

/** Where a non-finite value first appeared. */
export interface NonFinite {
  readonly nodeId: string;
  readonly nodeName: string;
  /** What was not finite, e.g. "head 'scale' of encoder" or "weights of decoder". */
  readonly quantity: string;
  readonly value: 'NaN' | 'Infinity' | '-Infinity';
}

function firstBad(t: tf.Tensor): NonFinite['value'] | null {
  const data = t.dataSync();
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
  }
  return null;
}

/**
 * Finds where training went non-finite: the weights first (a step with a huge gradient poisons
 * them), then every quantity of a forward pass on the offending batch, in graph order. Only run
 * after a non-finite metric, so the synchronous reads cost nothing in normal training.
 */
export function diagnoseNonFinite(model: CompiledModel, batch: Batch, seed: number): NonFinite | null {
  for (const [id, net] of [...model.networks, ...model.sequenceNetworks]) {
    for (const [name, v] of net.namedVariables) {
      const bad = firstBad(v);
      if (bad) return { nodeId: id, nodeName: net.name, quantity: `weights of ${net.name} (${name})`, value: bad };
    }
  }
  for (const [id, l] of model.learnables) {
    const bad = firstBad(l.raw);
    const name = model.analysis.nodes.get(id)!.node.name;
    if (bad) return { nodeId: id, nodeName: name, quantity: `parameter ${name}`, value: bad };
  }
  let found: NonFinite | null = null;
  const stop = new Error('found');
  try {
    disposingScope(() => {
      model.run(batch, seed, {
        trace: (label, nodeId, value) => {
          const bad = firstBad(value);
          if (bad) {
            found = { nodeId, nodeName: model.analysis.nodes.get(nodeId)!.node.name, quantity: label, value: bad };
            throw stop;
          }
        },
      });
    });
  } catch (e) {
    if (e !== stop) throw e;
  }
  return found;
}
