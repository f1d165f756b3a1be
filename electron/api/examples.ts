import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GraphFileError, parseGraphFile } from '../../shared/graph/index';
import type { Result } from '../../shared/protocol/api';

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
    const text = await readFile(join(examplesDir, name), 'utf8');
    try {
      const { meta } = parseGraphFile(text);
      out.push({ id, title: meta.title ?? id, description: meta.description ?? '', text });
    } catch (e) {
      if (!(e instanceof GraphFileError)) throw e;
      console.error(`latent-studio: example ${name} does not open: ${e.message}`);
    }
  }
  return out;
}
