import { open } from 'node:fs/promises';
import { GRAPH_FORMAT } from '../../shared/graph/format';

/** How much of a file's beginning is read to recognise it: the header comes first in every saved file. */
const HEAD_BYTES = 4096;

/**
 * Whether a file looks like a Latent Studio graph file, from its first bytes only: listing a folder
 * must not parse every large file in it, and a damaged graph file should still be listed (opening it
 * then says what is wrong). Used also to refuse overwriting a file that is not a graph.
 */
export async function looksLikeGraphFile(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return false;
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').includes(`"${GRAPH_FORMAT}"`);
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}
