/**
 * The app's variables as PyTorch's state dict, and back. An app network `enc` stores
 * `enc/dense_i/kernel` [in, out] and `enc/heads/kernel` [width, Σ head sizes] (the heads side by
 * side); model.py's `MLP` holds `enc.hidden.<2i>.weight` [out, in] (every other module of the
 * Sequential is an activation) and `enc.heads.<head>.weight` [size, width]. A free parameter
 * `rate/value` [1, n] is `rate` [n]. Optimiser slots follow their variable's layout.
 */
import type { NpyArray } from './npy';
import type { ParameterMap } from './model-py';

/** A named float32 array in row-major order. */
export interface NamedArray {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** One app variable's place in the state dict: the torch names it splits into and how. */
interface Placement {
  readonly app: string;
  /** Torch tensors the app variable becomes, each a column block [from, from + width) (all columns: the whole). */
  readonly parts: ReadonlyArray<{ readonly torch: string; readonly from: number; readonly width: number }>;
  /** 'linear-kernel': [in, out] → [out, in] (transposed); 'vector': [n] or [1, n] → [n]. */
  readonly layout: 'linear-kernel' | 'vector';
}

function placements(map: ParameterMap): Placement[] {
  const out: Placement[] = [];
  for (const n of map.networks) {
    for (let i = 0; i < n.hidden; i++) {
      out.push({ app: `${n.app}/dense_${i}/kernel`, layout: 'linear-kernel', parts: [{ torch: `${n.attr}.hidden.${2 * i}.weight`, from: 0, width: -1 }] });
      out.push({ app: `${n.app}/dense_${i}/bias`, layout: 'vector', parts: [{ torch: `${n.attr}.hidden.${2 * i}.bias`, from: 0, width: -1 }] });
    }
    let from = 0;
    const kernels: Placement['parts'][number][] = [];
    const biases: Placement['parts'][number][] = [];
    for (const h of n.heads) {
      kernels.push({ torch: `${n.attr}.heads.${h.name}.weight`, from, width: h.size });
      biases.push({ torch: `${n.attr}.heads.${h.name}.bias`, from, width: h.size });
      from += h.size;
    }
    out.push({ app: `${n.app}/heads/kernel`, layout: 'linear-kernel', parts: kernels });
    out.push({ app: `${n.app}/heads/bias`, layout: 'vector', parts: biases });
  }
  for (const l of map.learnables) out.push({ app: `${l.app}/value`, layout: 'vector', parts: [{ torch: l.attr, from: 0, width: -1 }] });
  return out;
}

/** Columns [from, from + width) of a row-major [rows, cols] matrix, transposed: [width, rows]. */
function transposedBlock(values: Float32Array, rows: number, cols: number, from: number, width: number): Float32Array {
  const out = new Float32Array(width * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) out[c * rows + r] = values[r * cols + from + c]!;
  return out;
}

/**
 * The app's variables (by name) as the state dict's arrays, with `slot` appended to each torch
 * name when given (optimiser slots: `.exp_avg`). Buffers are added when `withBuffers`.
 * @throws Error when a variable the model needs is missing or has another shape
 */
export function toStateDict(map: ParameterMap, variables: readonly NamedArray[], options: { slot?: string; withBuffers?: boolean } = {}): Record<string, NpyArray> {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const suffix = options.slot ? `.${options.slot}` : '';
  const out: Record<string, NpyArray> = {};
  for (const p of placements(map)) {
    const v = byName.get(p.app);
    if (!v) throw new Error(`the weights have no variable ${p.app}`);
    if (p.layout === 'linear-kernel') {
      const [rows, cols] = v.shape as [number, number];
      for (const part of p.parts) {
        const width = part.width < 0 ? cols : part.width;
        out[part.torch + suffix] = { dtype: 'float32', shape: [width, rows], data: transposedBlock(v.values, rows, cols, part.from, width) };
      }
    } else {
      for (const part of p.parts) {
        const width = part.width < 0 ? v.values.length : part.width;
        out[part.torch + suffix] = { dtype: 'float32', shape: [width], data: v.values.slice(part.from, part.from + width) };
      }
    }
  }
  if (options.withBuffers) {
    for (const b of map.buffers) out[b.attr] = { dtype: 'float32', shape: [b.size], data: new Float32Array(b.size).fill(b.value) };
  }
  return out;
}

/**
 * The app's variables from a state dict (what train.py saves): the inverse of `toStateDict`, in
 * the order and shapes of `appShapes` (the compiled model's variables).
 * @throws Error naming a tensor that is missing or has the wrong shape
 */
export function fromStateDict(map: ParameterMap, tensors: Readonly<Record<string, { shape: readonly number[]; values: ArrayLike<number> }>>, appShapes: ReadonlyArray<{ name: string; shape: readonly number[] }>, slot?: string): NamedArray[] {
  const suffix = slot ? `.${slot}` : '';
  const byApp = new Map(placements(map).map((p) => [p.app, p]));
  return appShapes.map(({ name, shape }) => {
    const p = byApp.get(name);
    if (!p) throw new Error(`internal: no place in the state dict for ${name}`);
    const values = new Float32Array(shape.reduce((n, d) => n * d, 1));
    const cols = p.layout === 'linear-kernel' ? shape[1]! : values.length;
    const rows = p.layout === 'linear-kernel' ? shape[0]! : 1;
    for (const part of p.parts) {
      const key = part.torch + suffix;
      const t = tensors[key];
      const width = part.width < 0 ? cols : part.width;
      const expected = p.layout === 'linear-kernel' ? [width, rows] : [width];
      if (!t) throw new Error(`the checkpoint has no tensor ${key}`);
      if (t.shape.join('x') !== expected.join('x')) throw new Error(`the checkpoint's ${key} is [${t.shape.join(', ')}], the model's [${expected.join(', ')}]`);
      if (p.layout === 'linear-kernel') {
        for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) values[r * cols + part.from + c] = t.values[c * rows + r]!;
      } else {
        for (let c = 0; c < width; c++) values[part.from + c] = t.values[c]!;
      }
    }
    return { name, shape, values };
  });
}
