import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../../renderer/charts/base64';
import { decodeImageSet, gridLayout, gridShape, imageRgba, interleavePairs, pixelScale } from '../../../../renderer/charts/pixels';

const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('base64', () => {
  it('decodes what Node encodes, padding optional', () => {
    const bytes = [0, 1, 127, 128, 254, 255, 42];
    expect([...base64ToBytes(b64(bytes))]).toEqual(bytes);
    expect([...base64ToBytes('AAH/')]).toEqual([0, 1, 255]);
    expect([...base64ToBytes('AAE')]).toEqual([0, 1]);
  });
  it('encodes as Node does, large inputs included', () => {
    const big = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 31) % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });
});

describe('decodeImageSet', () => {
  it('decodes count × height × width bytes', () => {
    const d = decodeImageSet({ width: 2, height: 2, count: 2, pixels: b64([0, 50, 100, 150, 200, 250, 255, 1]) });
    expect(d.count).toBe(2);
    expect([...d.pixels]).toEqual([0, 50, 100, 150, 200, 250, 255, 1]);
  });
  it('keeps the whole images of a short set and ignores extra bytes', () => {
    expect(decodeImageSet({ width: 2, height: 2, count: 3, pixels: b64([1, 2, 3, 4, 5, 6]) }).count).toBe(1);
    const extra = decodeImageSet({ width: 1, height: 1, count: 2, pixels: b64([9, 8, 7]) });
    expect([...extra.pixels]).toEqual([9, 8]);
  });
  it('yields no image from malformed base64', () => {
    expect(decodeImageSet({ width: 1, height: 1, count: 1, pixels: '@@@' }).count).toBe(0);
  });
});

describe('imageRgba', () => {
  it('puts the grey in R, G and B, opaque, optionally inverted', () => {
    const d = decodeImageSet({ width: 2, height: 1, count: 2, pixels: b64([10, 20, 30, 40]) });
    expect([...imageRgba(d, 1)]).toEqual([30, 30, 30, 255, 40, 40, 40, 255]);
    expect([...imageRgba(d, 0, true)]).toEqual([245, 245, 245, 255, 235, 235, 235, 255]);
  });
});

describe('interleavePairs', () => {
  it('alternates input and reconstruction, as many pairs as both have', () => {
    const inputs = decodeImageSet({ width: 1, height: 2, count: 3, pixels: b64([1, 1, 2, 2, 3, 3]) });
    const outputs = decodeImageSet({ width: 1, height: 2, count: 2, pixels: b64([7, 7, 8, 8]) });
    const pairs = interleavePairs(inputs, outputs);
    expect(pairs.count).toBe(4);
    expect([...pairs.pixels]).toEqual([1, 1, 7, 7, 2, 2, 8, 8]);
  });
  it('gives nothing for images of different sizes', () => {
    const a = decodeImageSet({ width: 1, height: 1, count: 1, pixels: b64([1]) });
    const b = decodeImageSet({ width: 1, height: 2, count: 1, pixels: b64([1, 2]) });
    expect(interleavePairs(a, b).count).toBe(0);
  });
});

describe('grid geometry', () => {
  it('shapes a grid row by row', () => {
    expect(gridShape(64, 8)).toEqual({ rows: 8, columns: 8 });
    expect(gridShape(10, 8)).toEqual({ rows: 2, columns: 8 });
    expect(gridShape(3, 8)).toEqual({ rows: 1, columns: 3 });
    expect(gridShape(0, 8)).toEqual({ rows: 0, columns: 0 });
  });
  it('places cells with gaps, wider between groups', () => {
    const l = gridLayout({ count: 5, columns: 4, cellWidth: 10, cellHeight: 20, gap: 2, groupSize: 2, groupGap: 8 });
    expect(l.cells).toEqual([
      { x: 0, y: 0 },
      { x: 12, y: 0 },
      { x: 30, y: 0 },
      { x: 42, y: 0 },
      { x: 0, y: 22 },
    ]);
    expect([l.width, l.height]).toEqual([52, 42]);
  });
  it('scales pixels by whole numbers', () => {
    expect(pixelScale(28, 56)).toBe(2);
    expect(pixelScale(28, 70)).toBe(3);
    expect(pixelScale(64, 20)).toBe(1);
  });
});
