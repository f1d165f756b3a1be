import type { Batch, CompiledModel } from '../compile/model';
import { disposingScope } from '../scope';
import { readFloats } from './rows';

/** One observed variable: the batch's values beside the model's reconstruction of them. */
export interface Reconstruction {
  /** The input rows, `rows × inputSize` (Categorical: class indices, inputSize 1). */
  readonly input: Float32Array;
  readonly inputSize: number;
  /** The observed variable's mean given the encoded latents, `rows × size` (Categorical: probabilities). */
  readonly reconstruction: Float32Array;
  readonly size: number;
}

/**
 * Encodes a batch (z ~ q(z | x), or z = E_q[z] when `useMean`), decodes it, and returns each
 * observed variable's mean beside its input, by name. The batch stays the caller's; no other
 * tensor outlives the call.
 */
export function reconstruct(
  model: CompiledModel,
  batch: Batch,
  options: { readonly seed: number; readonly useMean?: boolean },
): Record<string, Reconstruction> {
  return disposingScope(() => {
    const { observed } = model.forward({ latents: options.useMean ? 'posterior-mean' : 'posterior', outputs: 'observed', seed: options.seed, batch });
    const out: Record<string, Reconstruction> = {};
    for (const a of model.observed) {
      const m = observed[a.node.name];
      // Observed values are bound to a data column (the validator requires it).
      const column = a.inputs.value?.[0]?.sourcePort;
      const input = column === undefined ? undefined : batch[column];
      if (!m || !input) continue;
      out[a.node.name] = { input: readFloats(input), inputSize: input.rank === 1 ? 1 : input.shape[1]!, reconstruction: readFloats(m), size: m.shape[1]! };
    }
    return out;
  });
}
