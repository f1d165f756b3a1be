/**
 * Where a run's data files are found. Web mode reads no file outside the project folder: a run
 * whose CSV node names /etc/passwd, a path up and out, or a link out of the folder is refused with
 * the rule, quoting nothing of the file, and no run is created; the desktop reads the same path. A relative path leads from
 * the folder of the graph's file, which the editor names when it starts the run.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeGraphFile, serializeGraphFile } from '../../../../shared/graph/index';
import { type Backend, createBackend } from '../../../../electron/api/handlers';
import { caller, EventLog, failure } from './run-helpers';

const examplesDir = fileURLToPath(new URL('../../../../assets/examples', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'ls-confine-'));
symlinkSync('/etc/passwd', join(project, 'users.csv'));
const elsewhere = mkdtempSync(join(tmpdir(), 'ls-graph-folder-'));
/** Three classes in two columns, 60 rows. */
const TABLE = ['a,b,kind', ...Array.from({ length: 60 }, (_, i) => `${(i % 3) + Math.sin(i) * 0.1},${Math.cos(i)},${['red', 'green', 'blue'][i % 3]}`)].join('\n');
writeFileSync(join(elsewhere, 'table.csv'), TABLE);
mkdirSync(join(project, 'sub'));
writeFileSync(join(project, 'sub', 'table.csv'), TABLE);
const backends: Backend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((b) => b.dispose()));
  rmSync(project, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
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

/** Starts a run of the CSV graph and waits for its end. */
async function ended(mode: 'web' | 'desktop', path: string, graphPath?: string) {
  const backend = createBackend({ mode, projectDir: project, examplesDir });
  backends.push(backend);
  const call = caller(backend);
  const log = new EventLog(backend);
  const run = await call('runs.start', { graphText: csvGraph(path), ...(graphPath !== undefined && { graphPath }), settings: { steps: 5, backend: 'cpu' } });
  return log.status(run.id, 'failed', 'done');
}

/** Starts a run of the CSV graph, which must be refused before any run exists: returns the refusal's message. */
async function refusedStart(mode: 'web' | 'desktop', path: string, graphPath?: string): Promise<string> {
  const backend = createBackend({ mode, projectDir: project, examplesDir });
  backends.push(backend);
  const call = caller(backend);
  const before = (await call('runs.list')).length;
  const e = await failure(call('runs.start', { graphText: csvGraph(path), ...(graphPath !== undefined && { graphPath }), settings: { steps: 5, backend: 'cpu' } }));
  expect(e.code).toBe('invalid-graph');
  expect((await call('runs.list')).length).toBe(before);
  return e.message;
}

describe('data files in web mode', () => {
  it.each(['/etc/passwd', '../../../../../../etc/passwd', 'users.csv'])('a run reading %s is refused with the rule and nothing of the file', async (path) => {
    const message = await refusedStart('web', path);
    expect(message).toContain(`the file of CSV node table is ${JSON.stringify(path)}, outside the project folder: in web mode a graph may only read files inside the project folder`);
    expect(message).not.toMatch(/root:/);
  });

  it('on the desktop the same file is read (and found not to be a table of numbers)', async () => {
    const message = await refusedStart('desktop', '/etc/passwd');
    expect(message).not.toMatch(/outside the project folder/);
    expect(message).toMatch(/column|header/i);
  });
});

describe('relative data paths', () => {
  it("lead from the folder of the graph's file on the desktop, wherever the project folder is", async () => {
    expect((await ended('desktop', 'table.csv', join(elsewhere, 'graph.json'))).status).toBe('done');
    // Without the graph's path the project folder is all there is, and it has no table.csv.
    expect(await refusedStart('desktop', 'table.csv')).toContain('there is no file table.csv');
  });

  it("lead from the graph's folder inside the project folder in web mode", async () => {
    expect((await ended('web', 'table.csv', 'sub/graph.json')).status).toBe('done');
    expect(await refusedStart('web', 'table.csv')).toContain('there is no file table.csv');
    // A graph path that would leave the project folder is not followed.
    expect(await refusedStart('web', 'table.csv', '../x/graph.json')).toContain('there is no file table.csv');
  });
});
