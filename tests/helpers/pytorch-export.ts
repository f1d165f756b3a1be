/** Exports a shipped example to PyTorch into a temporary folder, for the tests that run it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportPytorch } from '../../electron/engine/export/pytorch/export-pytorch';
import type { GraphFile } from '../../shared/graph/index';
import { examplePath, loadExample, type ExampleName } from './examples';

/** MNIST examples train on their first `limit` images here, so an export takes a second, not ten. */
export function withMnistLimit(doc: GraphFile, limit: number): GraphFile {
  // A semi-supervised node keeps at most half the images labelled (more labels than images is invalid).
  for (const n of doc.graph.nodes) if (n.kind === 'data.mnist') n.params = { ...n.params, limit, ...(n.params.labelled !== undefined ? { labelled: Math.min(n.params.labelled as number, Math.floor(limit / 2)) } : {}) };
  return doc;
}

/** Writes the export of `name` (or of `doc`) into a new temporary folder; returns the folder. */
export function exportExample(name: ExampleName, doc: GraphFile = withMnistLimit(loadExample(name), 1000)): string {
  const files = exportPytorch({ doc, baseDir: dirname(examplePath(`${name}.json`)), source: `${name}.json` });
  const dir = mkdtempSync(join(tmpdir(), `pytorch-${name}-`));
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), bytes);
  }
  return dir;
}
