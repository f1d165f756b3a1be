import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeNpy, decodeNpz, encodeNpy, encodeNpz, NpyError } from '../../../../../../electron/engine/export/pytorch/npy';

describe('.npy and .npz', () => {
  it('writes the header NumPy expects: magic, version 1.0, a dict padded to 64 bytes', () => {
    const bytes = encodeNpy({ dtype: 'float32', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) });
    expect([...bytes.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = bytes[8]! + 256 * bytes[9]!;
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
    expect(header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    expect(bytes.length).toBe(10 + headerLength + 24);
  });

  it('reads back what it writes, for every dtype and shape', () => {
    fc.assert(fc.property(
      fc.constantFrom('uint8' as const, 'int64' as const, 'float32' as const),
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
      fc.integer(),
      (dtype, shape, seed) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const values = Array.from({ length: n }, (_, i) => (dtype === 'uint8' ? (seed + i) & 255 : dtype === 'int64' ? seed - i * 7 : Math.fround((seed % 1000) / 7 + i)));
        const data = dtype === 'uint8' ? Uint8Array.from(values) : dtype === 'float32' ? Float32Array.from(values) : values;
        const back = decodeNpz(encodeNpz({ a: { dtype, shape, data } })).a!;
        expect(back.shape).toEqual(shape);
        expect([...back.values]).toEqual(values);
      },
    ), { numRuns: 60 });
  });

  it('refuses anything else with an NpyError that says what is wrong, never another error', () => {
    const good = encodeNpy({ dtype: 'float32', shape: [3], data: new Float32Array([1, 2, 3]) });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 0, max: good.length }), (noise, cut) => {
      for (const bytes of [noise, good.subarray(0, cut), Uint8Array.from([...good.subarray(0, cut), ...noise])]) {
        try {
          decodeNpy(bytes, 'w.npy');
        } catch (e) {
          expect(e).toBeInstanceOf(NpyError);
          expect((e as Error).message).toMatch(/^w\.npy/);
        }
        try {
          decodeNpz(bytes, 'w.npz');
        } catch (e) {
          expect(e).toBeInstanceOf(NpyError);
        }
      }
    }), { numRuns: 300 });
    expect(() => decodeNpy(good.subarray(0, good.length - 1), 'w.npy')).toThrow(/needs 12 bytes of data, the file has 11/);
  });
});
