/**
 * The IDX format (LeCun's format for MNIST): a 4-byte magic number `0x00 0x00 <dtype> <ndims>`,
 * then `ndims` big-endian 32-bit dimension sizes, then the elements in row-major order, big-endian.
 *
 * The parser is strict because a silently wrong array (a shifted header, a half-downloaded file)
 * would train a model on garbage without any error. Every malformed input is an `IdxFormatError`
 * naming what is wrong and the byte offset where it is wrong. Decisions beyond the spec:
 * - `ndims` must be at least 1 (the spec defines no scalars; MNIST uses 1 and 3).
 * - A dimension of 0 is allowed (an empty array); a dimension ≥ 2^31 is rejected as absurd (the
 *   spec's sizes are 32-bit integers, which readers conventionally treat as signed).
 * - Bytes after the last element ("trailing garbage") are an error, not ignored: they usually mean
 *   the header is wrong or two files were concatenated.
 */

/** The element types of the IDX spec, by their code in the third magic byte. */
export const IDX_DTYPE_CODES = {
  uint8: 0x08,
  int8: 0x09,
  int16: 0x0b,
  int32: 0x0c,
  float32: 0x0d,
  float64: 0x0e,
} as const;

export type IdxDtype = keyof typeof IDX_DTYPE_CODES;

/** The typed array each IDX element type is decoded into. */
export interface IdxDataOf {
  uint8: Uint8Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  float32: Float32Array;
  float64: Float64Array;
}

/** A parsed IDX file: `data` is row-major with `shape`'s product elements, in native byte order. */
export type IdxArray = { [K in IdxDtype]: { readonly dtype: K; readonly shape: number[]; readonly data: IdxDataOf[K] } }[IdxDtype];

/** A malformed IDX input. `offset` is the byte offset at which the problem was found. */
export class IdxFormatError extends Error {
  override readonly name = 'IdxFormatError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const BYTES_PER_ELEMENT: Record<IdxDtype, number> = { uint8: 1, int8: 1, int16: 2, int32: 4, float32: 4, float64: 8 };

const DTYPE_BY_CODE = new Map<number, IdxDtype>(Object.entries(IDX_DTYPE_CODES).map(([k, v]) => [v, k as IdxDtype]));

/** Largest dimension accepted: sizes are 32-bit integers in the spec, read as signed by convention. */
const MAX_DIM = 0x7fffffff;

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0').toUpperCase()}`;

function describeArray(dtype: IdxDtype, shape: readonly number[]): string {
  return `shape [${shape.join(', ')}] of ${dtype}`;
}

/**
 * Parses an IDX file held in memory.
 *
 * @param bytes the whole file
 * @param options.source a name for the input (e.g. its path), prefixed to error messages
 * @param options.copy whether 1-byte data (uint8, int8) is copied out of `bytes` (the default) or
 *   returned as a view sharing its memory. A view saves a copy of a large file the caller owns
 *   (47 MB for MNIST's training images); multi-byte data is always decoded into a new array.
 * @throws IdxFormatError for every malformed input
 */
export function parseIdx(bytes: Uint8Array, options: { readonly source?: string; readonly copy?: boolean } = {}): IdxArray {
  const { source, copy = true } = options;
  const fail = (message: string, offset: number): never => {
    throw new IdxFormatError(source === undefined ? message : `${source}: ${message}`, offset);
  };
  const len = bytes.length;
  if (len < 4) {
    fail(`truncated header: the magic number needs 4 bytes at byte offset 0, but the input has only ${len} bytes`, len);
  }
  const b0 = bytes[0] as number;
  const b1 = bytes[1] as number;
  if (b0 === 0x1f && b1 === 0x8b) {
    fail(`bad magic number at byte offset 0: the input is gzip-compressed (starts 0x1F 0x8B); decompress it first`, 0);
  }
  if (b0 !== 0) fail(`bad magic number: byte at offset 0 is ${hex(b0)}, expected 0x00 (IDX files start with two zero bytes)`, 0);
  if (b1 !== 0) fail(`bad magic number: byte at offset 1 is ${hex(b1)}, expected 0x00 (IDX files start with two zero bytes)`, 1);

  const code = bytes[2] as number;
  const dtype = DTYPE_BY_CODE.get(code);
  if (dtype === undefined) {
    fail(
      `unknown data type code ${hex(code)} at byte offset 2 (expected 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32 or 0x0E float64)`,
      2,
    );
  }
  const dt = dtype as IdxDtype;
  const ndims = bytes[3] as number;
  if (ndims === 0) fail(`number of dimensions at byte offset 3 is 0; it must be at least 1`, 3);

  const headerBytes = 4 + 4 * ndims;
  if (len < headerBytes) {
    const k = Math.floor((len - 4) / 4);
    fail(
      `truncated header: ${ndims} dimensions need a ${headerBytes}-byte header, but the input ends at byte offset ${len}, so dimension ${k} (at byte offset ${4 + 4 * k}) is incomplete`,
      4 + 4 * k,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let count = 1;
  for (let k = 0; k < ndims; k++) {
    const offset = 4 + 4 * k;
    const dim = view.getUint32(offset, false);
    if (dim > MAX_DIM) {
      fail(`dimension ${k} at byte offset ${offset} is ${dim}, which is absurd (sizes must be at most 2^31-1)`, offset);
    }
    shape.push(dim);
    count *= dim;
  }
  // Up to 255 dimensions of 2^31 can overflow even a double's integer range; report such shapes plainly.
  if (!Number.isSafeInteger(count)) {
    fail(`absurd ${describeArray(dt, shape)}: more than 2^53 elements`, 4);
  }
  const bpe = BYTES_PER_ELEMENT[dt];
  const dataBytes = count * bpe;
  const end = headerBytes + dataBytes;
  if (len < end) {
    fail(
      `data truncated: ${describeArray(dt, shape)} needs ${dataBytes} bytes of data from byte offset ${headerBytes} to ${end}, but the input ends at byte offset ${len} (${end - len} bytes missing)`,
      len,
    );
  }
  if (len > end) {
    fail(
      `trailing garbage: ${describeArray(dt, shape)} ends at byte offset ${end}, but the input has ${len - end} more bytes (${len} in all)`,
      end,
    );
  }
  return { dtype: dt, shape, data: decode(dt, bytes, view, headerBytes, count, copy) } as IdxArray;
}

function decode(dtype: IdxDtype, bytes: Uint8Array, view: DataView, start: number, count: number, copy: boolean): IdxDataOf[IdxDtype] {
  switch (dtype) {
    case 'uint8': {
      // Built from the underlying buffer so that a Node Buffer input still gives a plain Uint8Array.
      const data = new Uint8Array(bytes.buffer, bytes.byteOffset + start, count);
      return copy ? data.slice() : data;
    }
    case 'int8': {
      const data = new Int8Array(bytes.buffer, bytes.byteOffset + start, count);
      return copy ? data.slice() : data;
    }
    case 'int16': {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(start + 2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(start + 4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(start + 4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(start + 8 * i, false);
      return out;
    }
  }
}

/**
 * Encodes an array as an IDX file (the inverse of `parseIdx`). Values are converted as DataView
 * setters do (wrapping integers, rounding to float32).
 *
 * @throws RangeError when the shape is not a list of 1..255 sizes in 0..2^31-1 whose product is `data.length`
 */
export function encodeIdx(array: { readonly dtype: IdxDtype; readonly shape: readonly number[]; readonly data: ArrayLike<number> }): Uint8Array {
  const { dtype, shape, data } = array;
  if (shape.length < 1 || shape.length > 255) throw new RangeError(`IDX needs 1..255 dimensions, got ${shape.length}`);
  let count = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0 || d > MAX_DIM) throw new RangeError(`IDX dimension sizes must be integers in 0..2^31-1, got ${d}`);
    count *= d;
  }
  if (count !== data.length) throw new RangeError(`shape [${shape.join(', ')}] has ${count} elements but data has ${data.length}`);
  const bpe = BYTES_PER_ELEMENT[dtype];
  const start = 4 + 4 * shape.length;
  const out = new Uint8Array(start + count * bpe);
  const view = new DataView(out.buffer);
  out[2] = IDX_DTYPE_CODES[dtype];
  out[3] = shape.length;
  shape.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  for (let i = 0; i < count; i++) {
    const v = data[i] as number;
    const o = start + i * bpe;
    switch (dtype) {
      case 'uint8': view.setUint8(o, v); break;
      case 'int8': view.setInt8(o, v); break;
      case 'int16': view.setInt16(o, v, false); break;
      case 'int32': view.setInt32(o, v, false); break;
      case 'float32': view.setFloat32(o, v, false); break;
      case 'float64': view.setFloat64(o, v, false); break;
    }
  }
  return out;
}
