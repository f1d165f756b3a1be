/**
 * NumPy's `.npy` format (version 1.0) and `.npz` archives (a zip of `.npy` files, what `np.savez`
 * writes and `np.load` reads): how exported data, weights and optimiser state travel between the
 * app and a PyTorch script, both ways. Little-endian, C order.
 */
import { zipSync } from 'fflate';
import { readZip } from '../zip';

/** The element types the export uses: bytes for binary pixels, int64 for class indices, float32 otherwise. */
export type NpyDtype = 'uint8' | 'int64' | 'float32';

export interface NpyArray {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** Row-major values; int64 values are held as numbers (exact up to 2^53). */
  readonly data: Uint8Array | Float32Array | Float64Array | readonly number[];
}

const DESCR: Record<NpyDtype, string> = { uint8: '|u1', int64: '<i8', float32: '<f4' };
const BYTES: Record<NpyDtype, number> = { uint8: 1, int64: 8, float32: 4 };
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** A malformed `.npy` or `.npz` file: the message says what is wrong and where. */
export class NpyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpyError';
  }
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** Encodes an array as a `.npy` file. @throws RangeError when the data's length does not match the shape */
export function encodeNpy(a: NpyArray): Uint8Array {
  const n = elementCount(a.shape);
  if (a.data.length !== n) throw new RangeError(`an array of shape [${a.shape.join(', ')}] holds ${n} values, got ${a.data.length}`);
  const shapeText = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${DESCR[a.dtype]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Magic (6) + version (2) + header length (2) + header + '\n', padded with spaces to a multiple of 64.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + n * BYTES[a.dtype]);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const start = 10 + header.length;
  // Typed arrays of the element type are copied whole (the platform is little-endian, as .npy's '<' says).
  if (a.dtype === 'uint8' && a.data instanceof Uint8Array) {
    out.set(a.data, start);
    return out;
  }
  if (a.dtype === 'float32' && a.data instanceof Float32Array && LITTLE_ENDIAN) {
    out.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), start);
    return out;
  }
  const body = new DataView(out.buffer, start);
  for (let i = 0; i < n; i++) {
    const v = Number(a.data[i]);
    if (a.dtype === 'uint8') body.setUint8(i, v);
    else if (a.dtype === 'float32') body.setFloat32(i * 4, v, true);
    else body.setBigInt64(i * 8, BigInt(Math.trunc(v)), true);
  }
  return out;
}

const HEADER_RE = /^\{\s*'descr':\s*'([<>|=]?[a-z]\d+)',\s*'fortran_order':\s*(True|False),\s*'shape':\s*\(([\d,\s]*)\),?\s*\}\s*$/;

/** What `decodeNpy` returns: values as float64 (exact for the types here, int64 up to 2^53). */
export interface DecodedNpy {
  readonly shape: number[];
  readonly descr: string;
  readonly values: Float64Array;
}

/** Decodes a `.npy` file of float32/float64/int64/int32/uint8/bool values (C order, little-endian). @throws NpyError */
export function decodeNpy(bytes: Uint8Array, where = 'the array'): DecodedNpy {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) throw new NpyError(`${where} is not a NumPy .npy file (its first bytes are not \\x93NUMPY)`);
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : major === 2 || major === 3 ? view.getUint32(8, true) : -1;
  if (headerLength < 0) throw new NpyError(`${where}: .npy version ${major} is not supported`);
  const start = major === 1 ? 10 : 12;
  if (start + headerLength > bytes.length) throw new NpyError(`${where}: its header runs past the end of the file`);
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  const m = HEADER_RE.exec(header.trim());
  if (!m) throw new NpyError(`${where}: cannot read its header ${JSON.stringify(header.trim().slice(0, 120))}`);
  const [, descr, fortran, shapeText] = m as unknown as [string, string, string, string];
  if (fortran === 'True') throw new NpyError(`${where} is in Fortran order; save it in C order`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const n = elementCount(shape);
  const kind = descr.replace(/^[<=|]/, '');
  if (descr.startsWith('>')) throw new NpyError(`${where} is big-endian; save it little-endian`);
  const size = Number(kind.slice(1));
  const readers: Record<string, (o: number) => number> = {
    f4: (o) => view.getFloat32(o, true),
    f8: (o) => view.getFloat64(o, true),
    i8: (o) => Number(view.getBigInt64(o, true)),
    i4: (o) => view.getInt32(o, true),
    u1: (o) => view.getUint8(o),
    b1: (o) => view.getUint8(o),
  };
  const read = readers[kind];
  if (!read) throw new NpyError(`${where} holds '${descr}' values; float32, float64, int64, int32, uint8 or bool are supported`);
  const dataStart = start + headerLength;
  if (dataStart + n * size > bytes.length) throw new NpyError(`${where}: shape [${shape.join(', ')}] needs ${n * size} bytes of data, the file has ${bytes.length - dataStart}`);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = read(dataStart + i * size);
  return { shape, descr, values };
}

/** An `.npz` archive of named arrays (`np.savez_compressed` style: deflated). */
export function encodeNpz(arrays: Readonly<Record<string, NpyArray>>, level: 0 | 1 | 6 = 1): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, a] of Object.entries(arrays)) files[`${name}.npy`] = encodeNpy(a);
  return zipSync(files, { level });
}

/**
 * Reads every array of an `.npz` archive, by name (without `.npy`). The archive may come from
 * anywhere, so it is read by the app's defensive zip reader (entry names and sizes limited).
 * @throws NpyError
 */
export function decodeNpz(bytes: Uint8Array, where = 'the archive'): Record<string, DecodedNpy> {
  let files: Map<string, Uint8Array>;
  try {
    files = readZip(bytes);
  } catch (e) {
    throw new NpyError(`${where} is not a .npz (zip) archive: ${(e as Error).message}`);
  }
  const out: Record<string, DecodedNpy> = {};
  for (const [file, data] of files) {
    if (!file.endsWith('.npy')) continue;
    const name = file.slice(0, -4);
    out[name] = decodeNpy(data, `${where}: array '${name}'`);
  }
  return out;
}
