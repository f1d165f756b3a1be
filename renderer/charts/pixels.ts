import type { ImageSet } from '../../shared/protocol/runs';
import { base64ToBytes } from './base64';

/** Decoding the inspection's image sets (greyscale, one byte a pixel, base64) for canvases. */

/** An image set's pixels, decoded. */
export interface DecodedImages {
  readonly width: number;
  readonly height: number;
  /** Whole images present: the set's count, or fewer if its pixels are short. */
  readonly count: number;
  /** `count × height × width` bytes, image after image, row-major. */
  readonly pixels: Uint8Array;
}

/**
 * Decodes an {@link ImageSet}. A set whose bytes do not cover `count` images keeps the whole images
 * it has; bytes beyond `count` images are ignored. Malformed base64 yields no images.
 */
export function decodeImageSet(set: ImageSet): DecodedImages {
  const size = set.width * set.height;
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(set.pixels);
  } catch {
    bytes = new Uint8Array(0);
  }
  const count = size > 0 ? Math.min(set.count, Math.floor(bytes.length / size)) : 0;
  return { width: set.width, height: set.height, count, pixels: bytes.subarray(0, count * size) };
}

/**
 * Image `index` as RGBA (grey in R, G and B, opaque), ready for `ImageData`. The grey can be
 * inverted (`invert`: 255 − v) to draw dark strokes on a light page.
 */
export function imageRgba(images: DecodedImages, index: number, invert = false): Uint8ClampedArray<ArrayBuffer> {
  const size = images.width * images.height;
  const out = new Uint8ClampedArray(new ArrayBuffer(size * 4));
  const base = index * size;
  for (let i = 0; i < size; i++) {
    const v0 = images.pixels[base + i] ?? 0;
    const v = invert ? 255 - v0 : v0;
    out[4 * i] = v;
    out[4 * i + 1] = v;
    out[4 * i + 2] = v;
    out[4 * i + 3] = 255;
  }
  return out;
}

/**
 * Inputs and reconstructions interleaved (input 0, output 0, input 1, output 1, …) as one set of
 * images, for a two-column grid. Keeps as many pairs as both have, of the inputs' size; two sets
 * of different sizes give no pairs.
 */
export function interleavePairs(inputs: DecodedImages, outputs: DecodedImages): DecodedImages {
  const { width, height } = inputs;
  if (outputs.width !== width || outputs.height !== height) return { width, height, count: 0, pixels: new Uint8Array(0) };
  const size = width * height;
  const pairs = Math.min(inputs.count, outputs.count);
  const pixels = new Uint8Array(2 * pairs * size);
  for (let i = 0; i < pairs; i++) {
    pixels.set(inputs.pixels.subarray(i * size, (i + 1) * size), 2 * i * size);
    pixels.set(outputs.pixels.subarray(i * size, (i + 1) * size), (2 * i + 1) * size);
  }
  return { width, height, count: 2 * pairs, pixels };
}

/** Where the cells of a grid of `count` images in `columns` columns are: its rows and columns. */
export function gridShape(count: number, columns: number): { rows: number; columns: number } {
  if (count <= 0) return { rows: 0, columns: 0 };
  const cols = Math.max(1, Math.min(Math.floor(columns), count));
  return { rows: Math.ceil(count / cols), columns: cols };
}

/**
 * The whole-number scale (screen pixels per image pixel) that brings an image of `width` pixels
 * closest to `cellSize` pixels wide, at least 1. Whole numbers keep nearest-neighbour pixels even.
 */
export function pixelScale(width: number, cellSize: number): number {
  return Math.max(1, Math.round(cellSize / Math.max(1, width)));
}

/** Options of {@link gridLayout}. */
export interface GridLayoutOptions {
  readonly count: number;
  readonly columns: number;
  /** Cell size in CSS pixels. */
  readonly cellWidth: number;
  readonly cellHeight: number;
  /** Space between cells (default 2). */
  readonly gap?: number;
  /** Columns per group (default: no groups); groups are separated by `groupGap` instead of `gap`. */
  readonly groupSize?: number;
  readonly groupGap?: number;
}

/** Where each cell of an image grid goes (CSS pixels from the top left) and the grid's size. */
export interface GridLayout {
  readonly width: number;
  readonly height: number;
  readonly rows: number;
  readonly columns: number;
  readonly cells: readonly { readonly x: number; readonly y: number }[];
}

/**
 * The layout of an image grid: cells filled row by row, `gap` between cells, and when `groupSize`
 * is set a wider `groupGap` after every `groupSize` columns (input/reconstruction pairs).
 */
export function gridLayout(options: GridLayoutOptions): GridLayout {
  const { count, cellWidth, cellHeight } = options;
  const gap = options.gap ?? 2;
  const groupSize = options.groupSize ?? 0;
  const groupGap = options.groupGap ?? gap;
  const { rows, columns } = gridShape(count, options.columns);
  const colX: number[] = [];
  let x = 0;
  for (let c = 0; c < columns; c++) {
    if (c > 0) x += groupSize > 0 && c % groupSize === 0 ? groupGap : gap;
    colX.push(x);
    x += cellWidth;
  }
  const cells: { x: number; y: number }[] = [];
  for (let i = 0; i < count; i++) {
    const r = Math.floor(i / columns);
    const c = i % columns;
    cells.push({ x: colX[c]!, y: r * (cellHeight + gap) });
  }
  return { width: columns > 0 ? x : 0, height: rows > 0 ? rows * cellHeight + (rows - 1) * gap : 0, rows, columns, cells };
}
