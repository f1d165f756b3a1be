/**
 * The in-memory form of a data set: named columns of float32 rows, stored row-major in one typed
 * array each so that a batch is a handful of `TypedArray.set` calls and can be uploaded to a tensor
 * without conversion. Nothing here knows about tensors.
 */

/**
 * What a column holds: binary {0,1}, unit [0,1] (grey pixels), real, counts 0, 1, 2, …, or a class index in
 * 0..categories-1. (A subset of the graph editor's value domains; the loaders only produce these.)
 */
export type Domain = 'binary' | 'unit' | 'real' | 'count' | 'index';

/** One named column: `length` rows of `size` float32 values each. */
export interface DataColumn {
  /** Values per row; an index column has size 1 (a class), or more (a sequence of ids, such as a text's tokens). */
  readonly size: number;
  readonly domain: Domain;
  /** For index columns: the number of classes. */
  readonly categories?: number;
  /** Row-major values, length `rows * size`. */
  readonly values: Float32Array;
}

/** A data set: every column has the same number of rows, `length`. */
export interface Dataset {
  readonly name: string;
  readonly length: number;
  readonly columns: Readonly<Record<string, DataColumn>>;
}

/** A data set split into the part trained on and the part held out for evaluation. */
export interface DataSplits {
  readonly train: Dataset;
  readonly heldOut: Dataset;
}

/** The number of rows a column holds. */
export function columnRows(column: DataColumn): number {
  return column.size === 0 ? 0 : column.values.length / column.size;
}

/**
 * Builds a data set, checking that every column is well formed and has `length` rows, so that a
 * mistake in a loader fails here rather than as a shape error deep inside training.
 *
 * @throws RangeError naming the offending column
 */
export function createDataset(name: string, length: number, columns: Record<string, DataColumn>): Dataset {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`data set '${name}': length must be a non-negative integer, got ${length}`);
  for (const [key, col] of Object.entries(columns)) {
    if (!Number.isInteger(col.size) || col.size < 1) {
      throw new RangeError(`data set '${name}', column '${key}': size must be a positive integer, got ${col.size}`);
    }
    if (col.values.length !== length * col.size) {
      throw new RangeError(
        `data set '${name}', column '${key}': expected ${length} rows of ${col.size} (${length * col.size} values), got ${col.values.length} values`,
      );
    }
    if (col.domain === 'count') {
      const bad = col.values.findIndex((v) => !Number.isInteger(v) || v < 0);
      if (bad >= 0) throw new RangeError(`data set '${name}', column '${key}': counts must be whole numbers ≥ 0, got ${col.values[bad]} in row ${Math.floor(bad / col.size)}`);
    }
    if (col.domain === 'index') {
      if (!Number.isInteger(col.categories) || (col.categories as number) < 1) {
        throw new RangeError(`data set '${name}', column '${key}': index columns need a positive integer 'categories', got ${String(col.categories)}`);
      }
    }
  }
  return { name, length, columns };
}

/**
 * Copies the rows `indices` of `column` (in that order) into `out`, row-major.
 *
 * Rows are copied with `subarray` + `set` (a memcpy each), which is what makes a 128 × 784 MNIST
 * batch cheap; size-1 columns take a plain loop instead, which is faster for single values.
 *
 * @param out destination; allocated when omitted. Must hold at least `indices.length * column.size` values.
 * @returns `out` (or the new array), of which the first `indices.length * column.size` values are written
 * @throws RangeError on an index that is not an integer row of the column, or an `out` that is too short
 */
export function gatherRows(column: DataColumn, indices: ArrayLike<number>, out?: Float32Array): Float32Array {
  const size = column.size;
  const rows = columnRows(column);
  const n = indices.length;
  const dst = out ?? new Float32Array(n * size);
  if (dst.length < n * size) {
    throw new RangeError(`gatherRows: output holds ${dst.length} values, needs ${n * size} (${n} rows of ${size})`);
  }
  const src = column.values;
  for (let k = 0; k < n; k++) {
    const i = indices[k] as number;
    // `i >>> 0 === i` rejects negatives, fractions and NaN in one comparison.
    if (i >>> 0 !== i || i >= rows) {
      throw new RangeError(`gatherRows: index ${String(i)} at position ${k} is not a row of a column with ${rows} rows`);
    }
    if (size === 1) {
      dst[k] = src[i] as number;
    } else {
      dst.set(src.subarray(i * size, i * size + size), k * size);
    }
  }
  return dst;
}

/**
 * A new data set holding the rows `indices` of `ds`, in that order, with freshly copied columns.
 * Extra fields of an extended data set type (such as a CSV's `labelNames`) are kept.
 */
export function subset<D extends Dataset>(ds: D, indices: ArrayLike<number>): D {
  // Checked here too so that a data set without columns still rejects bad indices.
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    if (i >>> 0 !== i || i >= ds.length) {
      throw new RangeError(`subset: index ${String(i)} at position ${k} is not a row of '${ds.name}' (${ds.length} rows)`);
    }
  }
  const columns: Record<string, DataColumn> = {};
  for (const [key, col] of Object.entries(ds.columns)) {
    columns[key] = { ...col, values: gatherRows(col, indices) };
  }
  return { ...ds, length: indices.length, columns };
}
