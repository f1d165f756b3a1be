/**
 * Child process of kill-while-saving.test.ts: saves a graph file and the recovery copy over and
 * over through the API handlers the app uses (dispatch → files.write / recovery.write), a new
 * version each time, until it is killed. After both saves of version v have returned it prints
 * `saved v`, so the test knows which versions may be on disk when the kill lands.
 *
 * Arguments: <projectDir> <web|desktop> <path of the graph file> <first version>
 */
import { fileURLToPath } from 'node:url';
import { makeGraphFile, serializeGraphFile } from '../../../../shared/graph/index';
import { createBackend, dispatch } from '../../../../electron/api/handlers';
import { tinyVae } from '../../../helpers/tiny-graphs';

const [projectDir, mode, path, first] = process.argv.slice(2) as [string, 'web' | 'desktop', string, string];
const examplesDir = fileURLToPath(new URL('../../../../assets/examples', import.meta.url));

/**
 * Version v of the graph: its title names the version, and its layout holds a varying number of
 * positions (files of about 20 to 200 KB), so a write cut short would leave a file of another
 * length that does not parse, and a mix of two versions could not pass for either.
 */
function version(v: number): string {
  const doc = tinyVae();
  const nodes: Record<string, { x: number; y: number }> = {};
  for (let i = 0; i < 500 + ((v * 7919) % 4500); i++) nodes[`n${i}`] = { x: v, y: i };
  return serializeGraphFile(makeGraphFile({ ...doc, meta: { title: `version ${v}` }, layout: { nodes } }));
}

const backend = createBackend({ mode, projectDir, examplesDir });
for (let v = Number(first); ; v++) {
  const text = version(v);
  await dispatch(backend.handlers, 'files.write', { path, text });
  await dispatch(backend.handlers, 'recovery.write', { text });
  // Synchronous on a pipe (Linux), so a printed line is never lost to the kill.
  process.stdout.write(`saved ${v}\n`);
}
