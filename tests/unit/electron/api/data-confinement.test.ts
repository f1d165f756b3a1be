/**
 * Web mode reads no file outside the project folder: a run whose CSV node names /etc/passwd, a
 * path up and out, or a link out of the folder fails with the rule, quoting nothing of the file;
 * the desktop reads the same path.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeGraphFile, serializeGraphFile } from '../../../../shared/graph/index';
import { type Backend, createBackend } from '../../../../electron/api/handlers';
import { caller, EventLog } from './run-helpers';

const examplesDir = fileURLToPath(new URL('../../../../assets/examples', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'ls-confine-'));
symlinkSync('/etc/passwd', join(project, 'users.csv'));
const backends: Backend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((b) => b.dispose()));
  rmSync(project, { recursive: true, force: true });
});

/** A classifier on two columns of a CSV file. */
function csvGraph(path: string): string {
  return serializeGraphFile(
    makeGraphFile({
      graph: {
        nodes: [
          { id: 'd', kind: 'data.csv', name: 'table', params: { path, columns: ['a', 'b'], labelColumn: 'kind' } },
          { id: 'n', kind: 'network.mlp', name: 'net', params: { hidden: [4], heads: [{ name: 'logits', size: 3 }] } },
          { id: 'y', kind: 'dist.categorical', name: 'kind', params: { role: 'observed' } },
        ],
        edges: [
          { id: 'e1', source: { node: 'd', port: 'x' }, target: { node: 'n', port: 'in' } },
          { id: 'e2', source: { node: 'n', port: 'logits' }, target: { node: 'y', port: 'logits' } },
          { id: 'e3', source: { node: 'd', port: 'label' }, target: { node: 'y', port: 'value' } },
        ],
      },
    }),
  );
}

async function failedRun(mode: 'web' | 'desktop', path: string): Promise<string> {
  const backend = createBackend({ mode, projectDir: project, examplesDir });
  backends.push(backend);
  const call = caller(backend);
  const log = new EventLog(backend);
  const run = await call('runs.start', { graphText: csvGraph(path), settings: { steps: 5, backend: 'cpu' } });
  const ended = await log.status(run.id, 'failed', 'done');
  expect(ended.status).toBe('failed');
  return ended.error?.message ?? '';
}

describe('data files in web mode', () => {
  it.each(['/etc/passwd', '../../../../../../etc/passwd', 'users.csv'])('a run reading %s fails with the rule and nothing of the file', async (path) => {
    const message = await failedRun('web', path);
    expect(message).toContain(`the file of CSV node table is ${JSON.stringify(path)}, outside the project folder: in web mode a graph may only read files inside the project folder`);
    expect(message).not.toMatch(/root:/);
  });

  it('on the desktop the same file is read (and found not to be a table of numbers)', async () => {
    const message = await failedRun('desktop', '/etc/passwd');
    expect(message).not.toMatch(/outside the project folder/);
    expect(message).toMatch(/column|header/i);
  });
});
