import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeIdx, IDX_DTYPE_CODES, IdxFormatError, parseIdx, type IdxDtype } from '../../../../../electron/engine/data/idx';

/** Builds an IDX file by hand (independently of encodeIdx) from a header and raw data bytes. */
function idxBytes(code: number, dims: number[], data: number[] = []): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

/** The IdxFormatError thrown by `f`, failing the test if it throws anything else or nothing. */
function idxError(f: () => unknown): IdxFormatError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(IdxFormatError);
    return e as IdxFormatError;
  }
  return expect.unreachable('expected an IdxFormatError');
}

describe('parseIdx: valid files', () => {
  it('reads a hand-built big-endian uint8 file like MNIST labels', () => {
    const parsed = parseIdx(idxBytes(0x08, [2, 3], [1, 2, 3, 4, 5, 255]));
    expect(parsed.dtype).toBe('uint8');
    expect(parsed.shape).toEqual([2, 3]);
    expect(parsed.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 255]);
  });

  it('reads multi-byte values big-endian', () => {
    const int16 = parseIdx(idxBytes(0x0b, [2], [0x01, 0x02, 0xff, 0xfe]));
    expect(Array.from(int16.data)).toEqual([0x0102, -2]);
    const f32 = parseIdx(idxBytes(0x0d, [1], [0x3f, 0x80, 0x00, 0x00]));
    expect(Array.from(f32.data)).toEqual([1]);
  });

  const samples: Record<IdxDtype, { data: ArrayLike<number>; ctor: new (xs: number[]) => ArrayLike<number> }> = {
    uint8: { data: [0, 1, 127, 128, 255, 42], ctor: Uint8Array },
    int8: { data: [-128, -1, 0, 1, 127, 5], ctor: Int8Array },
    int16: { data: [-32768, -1, 0, 1, 32767, 300], ctor: Int16Array },
    int32: { data: [-(2 ** 31), -1, 0, 1, 2 ** 31 - 1, 70000], ctor: Int32Array },
    float32: { data: [-0, 1.5, -3.25, Math.fround(Math.PI), Infinity, Number.NaN], ctor: Float32Array },
    float64: { data: [-0, Math.PI, -1e300, 5e-324, -Infinity, Number.NaN], ctor: Float64Array },
  };
  for (const [dtype, { data, ctor }] of Object.entries(samples) as [IdxDtype, (typeof samples)[IdxDtype]][]) {
    it(`round-trips ${dtype} through encodeIdx and parseIdx`, () => {
      const bytes = encodeIdx({ dtype, shape: [3, 1, 2], data });
      expect(bytes[2]).toBe(IDX_DTYPE_CODES[dtype]);
      const parsed = parseIdx(bytes);
      expect(parsed.dtype).toBe(dtype);
      expect(parsed.shape).toEqual([3, 1, 2]);
      expect(parsed.data).toBeInstanceOf(ctor);
      // Object.is distinguishes -0 and matches NaN, so this is an exact comparison.
      Array.from(parsed.data).forEach((v, i) => expect(Object.is(v, data[i])).toBe(true));
    });
  }

  it('accepts a zero dimension as an empty array', () => {
    const parsed = parseIdx(idxBytes(0x0c, [0, 5]));
    expect(parsed.shape).toEqual([0, 5]);
    expect(parsed.data.length).toBe(0);
  });

  it('copies the data by default, so later changes to the input do not leak in', () => {
    const bytes = idxBytes(0x08, [2], [7, 8]);
    const parsed = parseIdx(bytes);
    bytes[8] = 99;
    expect(Array.from(parsed.data)).toEqual([7, 8]);
  });

  it('returns a view for copy: false, and a plain Uint8Array even from a Node Buffer', () => {
    const buf = Buffer.from(idxBytes(0x08, [2], [7, 8]));
    const parsed = parseIdx(buf, { copy: false });
    expect(parsed.data.constructor).toBe(Uint8Array);
    buf[8] = 99;
    expect(Array.from(parsed.data)).toEqual([99, 8]);
  });

  it('respects the byte offset of an input that is a view into a larger buffer', () => {
    const file = idxBytes(0x0b, [2], [0, 1, 0, 2]);
    const big = new Uint8Array(file.length + 3);
    big.set(file, 3);
    expect(Array.from(parseIdx(big.subarray(3)).data)).toEqual([1, 2]);
  });
});

describe('parseIdx: malformed files', () => {
  const cases: { name: string; bytes: Uint8Array; message: string; offset: number }[] = [
    {
      name: 'an empty input',
      bytes: new Uint8Array(0),
      message: 'truncated header: the magic number needs 4 bytes at byte offset 0, but the input has only 0 bytes',
      offset: 0,
    },
    {
      name: 'a header cut inside the magic number',
      bytes: new Uint8Array([0, 0, 8]),
      message: 'truncated header: the magic number needs 4 bytes at byte offset 0, but the input has only 3 bytes',
      offset: 3,
    },
    {
      name: 'a gzip-compressed file',
      bytes: new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]),
      message: 'bad magic number at byte offset 0: the input is gzip-compressed (starts 0x1F 0x8B); decompress it first',
      offset: 0,
    },
    {
      name: 'a non-zero first byte',
      bytes: new Uint8Array([0x50, 0x4b, 3, 4]),
      message: 'bad magic number: byte at offset 0 is 0x50, expected 0x00 (IDX files start with two zero bytes)',
      offset: 0,
    },
    {
      name: 'a non-zero second byte',
      bytes: new Uint8Array([0, 1, 8, 1, 0, 0, 0, 0]),
      message: 'bad magic number: byte at offset 1 is 0x01, expected 0x00 (IDX files start with two zero bytes)',
      offset: 1,
    },
    {
      name: 'an unknown data type',
      bytes: idxBytes(0x0a, [1], [0]),
      message:
        'unknown data type code 0x0A at byte offset 2 (expected 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32 or 0x0E float64)',
      offset: 2,
    },
    {
      name: 'zero dimensions',
      bytes: idxBytes(0x08, [], [1]),
      message: 'number of dimensions at byte offset 3 is 0; it must be at least 1',
      offset: 3,
    },
    {
      name: 'a header cut inside the dimension sizes',
      bytes: idxBytes(0x08, [60000, 28, 28]).subarray(0, 10),
      message: 'truncated header: 3 dimensions need a 16-byte header, but the input ends at byte offset 10, so dimension 1 (at byte offset 8) is incomplete',
      offset: 8,
    },
    {
      name: 'an absurd dimension (negative as a signed 32-bit size)',
      bytes: idxBytes(0x08, [10, 0xffffffff]),
      message: 'dimension 1 at byte offset 8 is 4294967295, which is absurd (sizes must be at most 2^31-1)',
      offset: 8,
    },
    {
      name: 'a shape with more elements than any double can count',
      bytes: idxBytes(0x08, [2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1]),
      message: 'absurd shape [2147483647, 2147483647, 2147483647] of uint8: more than 2^53 elements',
      offset: 4,
    },
    {
      name: 'data shorter than the shape says',
      bytes: idxBytes(0x0c, [2, 3], [0, 0, 0, 1, 0, 0]),
      message:
        'data truncated: shape [2, 3] of int32 needs 24 bytes of data from byte offset 12 to 36, but the input ends at byte offset 18 (18 bytes missing)',
      offset: 18,
    },
    {
      name: 'trailing garbage after the data',
      bytes: idxBytes(0x08, [2], [1, 2, 3]),
      message: 'trailing garbage: shape [2] of uint8 ends at byte offset 10, but the input has 1 more bytes (11 in all)',
      offset: 10,
    },
  ];
  for (const { name, bytes, message, offset } of cases) {
    it(`reports ${name}`, () => {
      const err = idxError(() => parseIdx(bytes));
      expect(err.message).toBe(message);
      expect(err.offset).toBe(offset);
      expect(err.name).toBe('IdxFormatError');
    });
  }

  it('prefixes messages with the source name', () => {
    const err = idxError(() => parseIdx(new Uint8Array(2), { source: '/data/x.idx' }));
    expect(err.message).toMatch(/^\/data\/x\.idx: truncated header/);
  });
});

describe('parseIdx: fuzzing', () => {
  const onlyIdxErrors = (bytes: Uint8Array): void => {
    try {
      const parsed = parseIdx(bytes);
      // Whatever parses must be self-consistent.
      expect(parsed.data.length).toBe(parsed.shape.reduce((a, b) => a * b, 1));
    } catch (e) {
      if (!(e instanceof IdxFormatError)) throw e;
    }
  };

  it('never throws anything but IdxFormatError on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), onlyIdxErrors), { numRuns: 2000 });
  });

  it('never throws anything but IdxFormatError on near-valid files (valid magic, small random header and body)', () => {
    const codes = fc.constantFrom(...Object.values(IDX_DTYPE_CODES), 0x00, 0x0a, 0xff);
    const nearValid = fc
      .tuple(codes, fc.integer({ min: 0, max: 4 }), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }), fc.uint8Array({ maxLength: 200 }))
      .map(([code, ndims, dims, tail]) => {
        const header = idxBytes(code, dims);
        header[3] = ndims; // sometimes disagrees with the dims written, on purpose
        const out = new Uint8Array(header.length + tail.length);
        out.set(header);
        out.set(tail, header.length);
        return out;
      });
    fc.assert(fc.property(nearValid, onlyIdxErrors), { numRuns: 3000 });
  });

  it('parses every valid generated file back to what was written', () => {
    const dtypes = Object.keys(IDX_DTYPE_CODES) as IdxDtype[];
    const valueOf: Record<IdxDtype, fc.Arbitrary<number>> = {
      uint8: fc.integer({ min: 0, max: 255 }),
      int8: fc.integer({ min: -128, max: 127 }),
      int16: fc.integer({ min: -32768, max: 32767 }),
      int32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      float32: fc.float({ noNaN: true }),
      float64: fc.double({ noNaN: true }),
    };
    const arrays = fc
      .tuple(fc.constantFrom(...dtypes), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }))
      .chain(([dtype, shape]) => {
        const count = shape.reduce((a, b) => a * b, 1);
        return fc.record({
          dtype: fc.constant(dtype),
          shape: fc.constant(shape),
          data: fc.array(valueOf[dtype], { minLength: count, maxLength: count }),
        });
      });
    fc.assert(
      fc.property(arrays, ({ dtype, shape, data }) => {
        const parsed = parseIdx(encodeIdx({ dtype, shape, data }));
        expect(parsed.dtype).toBe(dtype);
        expect(parsed.shape).toEqual(shape);
        Array.from(parsed.data).forEach((v, i) => expect(Object.is(v, data[i])).toBe(true));
      }),
      { numRuns: 500 },
    );
  });
});

describe('encodeIdx', () => {
  it('rejects data whose length does not match the shape', () => {
    expect(() => encodeIdx({ dtype: 'uint8', shape: [2, 2], data: [1, 2, 3] })).toThrow(/4 elements but data has 3/);
  });
});
