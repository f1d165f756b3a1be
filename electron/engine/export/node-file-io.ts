/**
 * Loading TensorFlow.js model files from disk without tfjs-node (whose `file://` handler is the
 * only built-in one for Node, and which is optional here): an IOHandler over node:fs.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

import * as tf from '@tensorflow/tfjs';

/** Bytes per element of each stored dtype; `string` has no fixed size and is not checked. */
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** readFile, with errors that say which file it was for (`what`, and `note` appended). */
async function readOrExplain(path: string, what: string, note = ''): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    if (isNotFound(err)) throw new Error(`${what} not found: ${path}${note}`);
    throw new Error(`cannot read ${what} ${path}${note}: ${(err as Error).message}`);
  }
}

/** The byte size a manifest group's files must add up to, or null if it holds strings (variable size). */
function expectedBytes(specs: readonly tf.io.WeightsManifestEntry[]): number | null {
  let total = 0;
  for (const s of specs) {
    const per = BYTES[s.quantization?.dtype ?? s.dtype];
    if (per === undefined) return null;
    total += per * s.shape.reduce((a, b) => a * b, 1);
  }
  return total;
}

function parseModelJson(text: string, path: string): tf.io.ModelJSON {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`model file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const obj = json as Partial<tf.io.ModelJSON> | null;
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj) || obj.modelTopology == null) {
    throw new Error(`model file ${path} is not a TensorFlow.js model.json (no modelTopology)`);
  }
  const manifest = obj.weightsManifest;
  if (manifest != null && !(Array.isArray(manifest) && manifest.every((g) => Array.isArray(g?.paths) && Array.isArray(g?.weights)))) {
    throw new Error(`model file ${path} has a malformed weightsManifest (expected [{ paths, weights }])`);
  }
  return obj as tf.io.ModelJSON;
}

/**
 * Read every weight file of the manifest, in manifest order, checking each group's total size
 * against its specs so a truncated or mismatched file fails here, naming the files, instead of
 * as an opaque decode error inside tfjs.
 */
async function loadWeightFiles(
  manifest: tf.io.WeightsManifestConfig, folder: string, modelPath: string,
): Promise<[tf.io.WeightsManifestEntry[], ArrayBuffer[]]> {
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of manifest) {
    const files = group.paths.map((p) => {
      const abs = resolve(folder, p);
      // The standard format lists plain names next to model.json; refuse anything reaching outside.
      const rel = relative(folder, abs);
      if (isAbsolute(p) || rel.startsWith('..') || isAbsolute(rel)) {
        throw new Error(`weights path '${p}' in ${modelPath} points outside its folder`);
      }
      return abs;
    });
    const data = await Promise.all(files.map((f) => readOrExplain(f, 'weights file', ` (listed in ${modelPath})`)));
    const got = data.reduce((s, b) => s + b.byteLength, 0);
    const want = expectedBytes(group.weights);
    if (want !== null && got !== want) {
      throw new Error(`weights file ${files.join(', ')} has ${got} bytes; ${modelPath} expects ${want}`);
    }
    // A Buffer may be a view into a larger pooled ArrayBuffer, so copy out exactly its bytes.
    for (const b of data) buffers.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    specs.push(...group.weights);
  }
  return [specs, buffers];
}

/**
 * An IOHandler that loads a TensorFlow.js model from `modelJsonPath` and the weight files its
 * manifest lists (relative to the model.json's folder), so that
 * `await tf.loadLayersModel(fileLoadHandler(path))` works in Node without tfjs-node.
 *
 * Errors name the offending path: a missing model.json or weights file, a model.json that is not
 * JSON or not a model, a weights path outside the folder, or weight files of the wrong size.
 */
export function fileLoadHandler(modelJsonPath: string): tf.io.IOHandler {
  const path = resolve(modelJsonPath);
  return {
    load: async () => {
      const text = (await readOrExplain(path, 'model file')).toString('utf8');
      const modelJson = parseModelJson(text, path);
      return tf.io.getModelArtifactsForJSON(modelJson, (manifest) => loadWeightFiles(manifest, dirname(path), path));
    },
  };
}
