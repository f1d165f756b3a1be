import type { DecodedImages } from './pixels';

/**
 * The images at `indices` of a decoded set, in that order, as a set of their own (an index outside
 * the set is skipped).
 */
export function pickImages(images: DecodedImages, indices: readonly number[]): DecodedImages {
  const { width, height } = images;
  const size = width * height;
  const kept = indices.filter((i) => Number.isInteger(i) && i >= 0 && i < images.count);
  const pixels = new Uint8Array(kept.length * size);
  kept.forEach((i, j) => pixels.set(images.pixels.subarray(i * size, (i + 1) * size), j * size));
  return { width, height, count: kept.length, pixels };
}
