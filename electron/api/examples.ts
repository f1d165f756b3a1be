import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GraphFileError, parseGraphFile } from '../../shared/graph/index';
import type { Result } from '../../shared/protocol/api';

/**
 * Examples already read and checked, by path, with the modification time and size they had: the
 * start screen asks for the list on every page load, and checking a dozen graphs costs the
 * server tens of milliseconds (hundreds on a busy machine).
 */
const opened = new Map<string, { mtimeMs: number; size: number; example: Result<'examples.list'>[number] | null }>();

/**
 * examples.list: every `*.json` graph in the examples folder, in name order, titled from its
 * `meta`. An example that does not open is left out (and reported on stderr) rather than hiding
 * the whole gallery; the examples' own tests keep that from shipping.
 */
export async function listExamples(examplesDir: string): Promise<Result<'examples.list'>> {
  const names = (await readdir(examplesDir)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  const out: Result<'examples.list'> = [];
  for (const name of names) {
    const id = name.replace(/\.json$/i, '');
    const path = join(examplesDir, name);
    const { mtimeMs, size } = await stat(path);
    const known = opened.get(path);
    if (known && known.mtimeMs === mtimeMs && known.size === size) {
      if (known.example) out.push(known.example);
      continue;
    }
    const text = await readFile(path, 'utf8');
    let example: Result<'examples.list'>[number] | null = null;
    try {
      const { meta } = parseGraphFile(text);
      example = { id, title: meta.title ?? id, description: meta.description ?? '', text };
      out.push(example);
    } catch (e) {
      if (!(e instanceof GraphFileError)) throw e;
      console.error(`latent-studio: example ${name} does not open: ${e.message}`);
    }
    opened.set(path, { mtimeMs, size, example });
  }
  return out;
}
