import { readFile, stat } from 'node:fs/promises';
import { GraphFileError, parseGraphFile, type GraphFile } from '../../shared/graph/index';
import { ApiError, fsError } from './errors';

/** The largest graph file read or written: the protocol's limit on a graph's text. */
export const MAX_GRAPH_BYTES = 50 * 1024 * 1024;

/**
 * Parses a graph file's text, turning a GraphFileError into an ApiError that keeps its message
 * (it says what is wrong and where, which is what the user needs to see).
 */
export function parseOrRefuse(text: string, what: string): GraphFile {
  try {
    return parseGraphFile(text);
  } catch (e) {
    if (e instanceof GraphFileError) throw new ApiError('file-error', `${what}: ${e.message}`);
    throw e;
  }
}

/**
 * Reads a graph file and checks that it opens, so the renderer never receives a text it cannot
 * load (and a browser tab cannot read arbitrary files through this API: only graph files).
 */
export async function readGraphText(abs: string, shown: string): Promise<{ text: string; doc: GraphFile }> {
  let text: string;
  try {
    const info = await stat(abs);
    if (!info.isFile()) throw new ApiError('io', `cannot read ${shown}: it is not a file`);
    if (info.size > MAX_GRAPH_BYTES) throw new ApiError('io', `cannot read ${shown}: it is larger than ${MAX_GRAPH_BYTES / 1024 / 1024} MB`);
    text = await readFile(abs, 'utf8');
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw fsError(e, shown, 'read');
  }
  return { text, doc: parseOrRefuse(text, `cannot open ${shown}`) };
}
