/**
 * The data a PyTorch export trains on, as NumPy archives (`data/train.npz`, `data/held_out.npz`):
 * the app's own splits of the graph's data node, column by column, so the script reads exactly
 * what the app trains on and nothing is downloaded at run time.
 */
import type { DataColumn, Dataset } from '../../data/dataset';
import { encodeNpz, type NpyArray } from './npy';

/**
 * A column as an array: class indices as int64 ([N] for one index a row, else [N, size]), whole
 * numbers in 0..255 (binary pixels, small counts) as bytes, everything else as float32.
 */
export function columnArray(column: DataColumn, rows: number): NpyArray {
  const shape = column.domain === 'index' && column.size === 1 ? [rows] : [rows, column.size];
  if (column.domain === 'index') return { dtype: 'int64', shape, data: column.values };
  const bytes = column.values.every((v) => Number.isInteger(v) && v >= 0 && v <= 255);
  return bytes ? { dtype: 'uint8', shape, data: Uint8Array.from(column.values) } : { dtype: 'float32', shape, data: column.values };
}

/** The columns `names` of a split as an .npz archive. */
export function splitArchive(split: Dataset, names: readonly string[]): Uint8Array {
  const arrays: Record<string, NpyArray> = {};
  for (const name of names) {
    const column = split.columns[name];
    if (!column) throw new Error(`internal: the data set has no column ${name}`);
    arrays[name] = columnArray(column, split.length);
  }
  return encodeNpz(arrays);
}
