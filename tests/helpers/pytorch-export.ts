/** Exports a shipped example to PyTorch into a temporary folder, for the tests that run it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportPytorch } from '../../electron/engine/export/pytorch/export-pytorch';
import { decodeNpz, encodeNpz, type NpyArray } from '../../electron/engine/export/pytorch/npy';
import type { GraphFile } from '../../shared/graph/index';
import { examplePath, loadExample, type ExampleName } from './examples';

/** MNIST examples train on their first `limit` images here, so an export takes a second, not ten. */
export function withMnistLimit(doc: GraphFile, limit: number): GraphFile {
  // A semi-supervised node keeps at most half the images labelled (more labels than images is invalid).
  for (const n of doc.graph.nodes) if (n.kind === 'data.mnist') n.params = { ...n.params, limit, ...(n.params.labelled !== undefined ? { labelled: Math.min(n.params.labelled as number, Math.floor(limit / 2)) } : {}) };
  return doc;
}

const DTYPES: Record<string, NpyArray['dtype']> = { '|u1': 'uint8', '<i8': 'int64', '<f4': 'float32' };

/** The first `n` rows of every array of an .npz archive. */
function firstRows(npz: Uint8Array, n: number): Uint8Array {
  const arrays: Record<string, NpyArray> = {};
  for (const [name, a] of Object.entries(decodeNpz(npz))) {
    const rows = Math.min(n, a.shape[0]!);
    const width = a.shape.slice(1).reduce((x, y) => x * y, 1);
    const values = a.values.subarray(0, rows * width);
    const dtype = DTYPES[a.descr];
    if (!dtype) throw new Error(`internal: no dtype for ${a.descr}`);
    const data = dtype === 'uint8' ? Uint8Array.from(values) : dtype === 'float32' ? Float32Array.from(values) : [...values];
    arrays[name] = { dtype, shape: [rows, ...a.shape.slice(1)], data };
  }
  return encodeNpz(arrays);
}

/**
 * Writes the export of `name` (or of `doc`) into a new temporary folder; returns the folder.
 * `heldOut` keeps only the first rows of the held-out split (MNIST's 10,000 take PyTorch on the
 * reference BLAS seconds to score at the end of every train.py run).
 */
export function exportExample(name: ExampleName, doc: GraphFile = withMnistLimit(loadExample(name), 1000), options: { heldOut?: number } = {}): string {
  const files = exportPytorch({ doc, baseDir: dirname(examplePath(`${name}.json`)), source: `${name}.json` });
  if (options.heldOut !== undefined) files['data/held_out.npz'] = firstRows(files['data/held_out.npz']!, options.heldOut);
  const dir = mkdtempSync(join(tmpdir(), `pytorch-${name}-`));
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), bytes);
  }
  return dir;
}
