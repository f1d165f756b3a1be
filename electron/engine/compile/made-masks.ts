import type { MadeOrder } from '../../../shared/graph/index';

/**
 * The degrees and masks of a MADE (Germain et al., 2015). Input d gets degree m(d) ∈ 1…D, its
 * position in the order; hidden unit k of every layer gets a degree in 1…D−1, assigned cyclically
 * (k mod (D−1)) + 1 so that every degree is used when the layer is wide enough. A hidden unit sees
 * the units of the layer below whose degree is lower or equal; output d sees the last hidden
 * units whose degree is strictly lower than m(d). So output d depends only on inputs of degree
 * below m(d): with the natural order, on x_1…x_{d−1}; the first output in the order is a constant.
 */
export interface MadeMasks {
  /** Degree of each input (and of the output of the same dimension), 1…D. */
  readonly inputDegrees: readonly number[];
  /** Degrees of each hidden layer's units. */
  readonly hiddenDegrees: readonly (readonly number[])[];
  /** One mask per hidden layer, [fanIn × units] row-major (1 = connected), then the output mask [last × D]. */
  readonly hidden: readonly Float32Array[];
  readonly output: Float32Array;
}

export function madeMasks(D: number, hidden: readonly number[], order: MadeOrder): MadeMasks {
  if (!Number.isInteger(D) || D < 1) throw new Error(`a MADE needs at least one dimension, got ${D}`);
  const inputDegrees = Array.from({ length: D }, (_, d) => (order === 'natural' ? d + 1 : D - d));
  const span = Math.max(1, D - 1);
  const hiddenDegrees = hidden.map((units) => Array.from({ length: units }, (_, k) => (k % span) + 1));
  const masks: Float32Array[] = [];
  let below = inputDegrees;
  for (const degrees of hiddenDegrees) {
    const m = new Float32Array(below.length * degrees.length);
    below.forEach((dIn, i) => degrees.forEach((dOut, j) => { m[i * degrees.length + j] = dOut >= dIn ? 1 : 0; }));
    masks.push(m);
    below = degrees;
  }
  const output = new Float32Array(below.length * D);
  below.forEach((dIn, i) => inputDegrees.forEach((dOut, j) => { output[i * D + j] = dOut > dIn ? 1 : 0; }));
  return { inputDegrees, hiddenDegrees, hidden: masks, output };
}
