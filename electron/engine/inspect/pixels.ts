import type { ImageSet } from '../../../shared/protocol/runs';

/**
 * Greyscale images as the protocol carries them: each value clamped to [0, 1], scaled to 0…255,
 * rounded, one byte per pixel, base64. A value that is not a number (NaN) becomes 0 (black).
 *
 * @param values `count × width × height` values in [0, 1] (a Bernoulli's probabilities, grey levels), row-major
 * @throws RangeError when `values` does not hold exactly `count` images
 */
export function toImageSet(values: ArrayLike<number>, count: number, width: number, height: number): ImageSet {
  const size = count * width * height;
  if (values.length !== size) throw new RangeError(`expected ${count} images of ${width} × ${height} (${size} values), got ${values.length}`);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const v = values[i]!;
    // `v > 0` is false for NaN, so NaN lands on 0 rather than poisoning the clamp.
    bytes[i] = v > 0 ? Math.round(Math.min(v, 1) * 255) : 0;
  }
  return { width, height, count, pixels: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}
