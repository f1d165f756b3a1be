/**
 * data.listFiles and data.inspectCsv: what the editor shows of a CSV node's file before any run.
 * They resolve paths as a run does, so web mode's confinement holds for them too: nothing outside
 * the project folder is listed, read or quoted.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../../../electron/api/handlers';
import { caller, failure } from './run-helpers';

const examplesDir = fileURLToPath(new URL('../../../../assets/examples', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'ls-data-api-'));
const outside = mkdtempSync(join(tmpdir(), 'ls-data-outside-'));
writeFileSync(join(outside, 'secret.csv'), 'SECRET_HEADER\nSECRET_VALUE\n');
writeFileSync(join(project, 'good.csv'), 'a,b,kind\n1,2,x\n3,4,y\n');
writeFileSync(join(project, 'ragged.csv'), 'a,b,kind\n1,2,x\n3,4\n5,6,z\n');
mkdirSync(join(project, 'sub'));
writeFileSync(join(project, 'notes.txt'), 'not a table');
writeFileSync(join(project, 'sub', 'Lines.TXT'), 'the cat\nthe dog\na cat and a dog\n');
writeFileSync(join(outside, 'secret.txt'), 'SECRET_LINE one\nSECRET_LINE two\n');
symlinkSync(join(outside, 'secret.txt'), join(project, 'link.txt'));
writeFileSync(join(project, 'sub', 'deep.csv'), 'a\n1\n');
mkdirSync(join(project, '.hidden'));
writeFileSync(join(project, '.hidden', 'h.csv'), 'a\n1\n');
symlinkSync(join(outside, 'secret.csv'), join(project, 'link.csv'));
symlinkSync(outside, join(project, 'linked-folder'));

const backends: Backend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((b) => b.dispose()));
  rmSync(project, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function api(mode: 'web' | 'desktop') {
  const backend = createBackend({ mode, projectDir: project, examplesDir });
  backends.push(backend);
  return caller(backend);
}

describe('data.listFiles', () => {
  it('lists the CSV files of the project folder as a graph at its top names them, without links or hidden folders (web)', async () => {
    const files = await api('web')('data.listFiles', {});
    expect(files.map((f) => f.path)).toEqual(['good.csv', 'ragged.csv', 'sub/deep.csv']);
    expect(files[0]).toMatchObject({ name: 'good.csv', size: 'a,b,kind\n1,2,x\n3,4,y\n'.length });
  });

  it("names them from the graph's folder when the graph is in a sub-folder (web)", async () => {
    const files = await api('web')('data.listFiles', { graphPath: 'sub/model.json' });
    expect(files.map((f) => f.path)).toEqual(['../good.csv', '../ragged.csv', 'deep.csv']);
  });

  it("lists the files beside the graph's file on the desktop, and none for an unsaved graph", async () => {
    const call = api('desktop');
    expect((await call('data.listFiles', { graphPath: join(project, 'sub', 'model.json') })).map((f) => f.path)).toEqual(['deep.csv']);
    expect(await call('data.listFiles', {})).toEqual([]);
  });
});

describe('data.listFiles for a text node', () => {
  it('lists the .txt files (any case) instead, without links, named from the graph\'s folder', async () => {
    const call = api('web');
    expect((await call('data.listFiles', { kind: 'text' })).map((f) => f.path)).toEqual(['notes.txt', 'sub/Lines.TXT']);
    expect((await call('data.listFiles', { kind: 'text', graphPath: 'sub/model.json' })).map((f) => f.path)).toEqual(['../notes.txt', 'Lines.TXT']);
    // The default is still the CSV files.
    expect((await call('data.listFiles', { kind: 'csv' })).map((f) => f.path)).toEqual(['good.csv', 'ragged.csv', 'sub/deep.csv']);
  });
});

describe('data.inspectText', () => {
  const options = { vocabularySize: 4, minCount: 1, unknownToken: '<unk>', lowercase: true, heldOutFraction: 0.34, seed: 0 };

  it('gives the lines, the split, the vocabulary reached and the first lines of a good file', async () => {
    const r = await api('web')('data.inspectText', { path: 'sub/Lines.TXT', options });
    // 3 lines, round(3 × 0.34) = 1 held out.
    expect(r).toMatchObject({ path: 'sub/Lines.TXT', lines: 3, trainLines: 2, heldOutLines: 1, vocabularyAsked: 4, vocabularyReached: 4, problems: [] });
    expect(r.firstLines).toEqual(['the cat', 'the dog', 'a cat and a dog']);
    expect(r.topWords).toHaveLength(2);
    expect(typeof r.modified).toBe('number');
  });

  it('says a missing file, an empty one and a vocabulary too large for the words, in the loader\'s words', async () => {
    const call = api('web');
    expect((await call('data.inspectText', { path: 'absent.txt', options })).problems).toEqual([{ kind: 'missing-file', message: 'cannot read text file absent.txt: no such file' }]);
    writeFileSync(join(project, 'blank.txt'), '\n\n');
    expect((await call('data.inspectText', { path: 'blank.txt', options })).problems.map((p) => p.kind)).toEqual(['empty-file']);
    const big = await call('data.inspectText', { path: 'sub/Lines.TXT', options: { ...options, vocabularySize: 100 } });
    expect(big.problems).toEqual([{ kind: 'vocabulary', message: expect.stringMatching(/^sub\/Lines\.TXT: the training lines have \d distinct words .*too few for a vocabulary of 100 ids/) }]);
  });

  it('refuses settings the node would refuse', async () => {
    const e = await failure(api('web')('data.inspectText', { path: 'notes.txt', options: { ...options, vocabularySize: 2 } }));
    expect(e.code).not.toBe('path-refused');
  });

  it.each(['/etc/passwd', '../../../../../../../etc/passwd', 'link.txt', 'linked-folder/secret.txt', join(outside, 'secret.txt')])(
    'refuses %s in web mode, quoting nothing of the file',
    async (path) => {
      const e = await failure(api('web')('data.inspectText', { path, options }));
      expect(e.code).toBe('path-refused');
      expect(e.message).toContain('outside the project folder');
      expect(e.message).not.toMatch(/root:|SECRET/);
    },
  );

  it('reads the same path on the desktop, where the user may open any file', async () => {
    const r = await api('desktop')('data.inspectText', { path: join(outside, 'secret.txt'), options: { ...options, lowercase: false, vocabularySize: 3 } });
    expect(r.firstLines).toEqual(['SECRET_LINE one', 'SECRET_LINE two']);
  });
});

describe('data.inspectCsv', () => {
  it('gives the header, the first rows, the row count and no problem for a good file', async () => {
    const r = await api('web')('data.inspectCsv', { path: 'good.csv', columns: ['a', 'b'], labelColumn: 'kind' });
    expect(r).toMatchObject({ path: 'good.csv', header: ['a', 'b', 'kind'], preview: [['1', '2', 'x'], ['3', '4', 'y']], rows: 2, problems: [], moreProblems: 0 });
    expect(typeof r.modified).toBe('number');
  });

  it('lists a ragged row with its line', async () => {
    const r = await api('web')('data.inspectCsv', { path: 'ragged.csv', columns: ['a'] });
    expect(r.problems).toEqual([{ kind: 'ragged-row', line: 3, message: 'line 3: 2 fields, but the header (line 1) has 3' }]);
    expect(r.rows).toBe(3);
  });

  it('says a missing file is missing, naming it as the graph does', async () => {
    const r = await api('web')('data.inspectCsv', { path: 'absent.csv' });
    expect(r.problems).toEqual([{ kind: 'missing-file', message: 'there is no file absent.csv' }]);
    expect(JSON.stringify(r)).not.toContain(project);
  });

  it('checks the file again once it changes (the cache is keyed by its time and size)', async () => {
    const call = api('web');
    writeFileSync(join(project, 'changing.csv'), 'a\n1\n');
    expect((await call('data.inspectCsv', { path: 'changing.csv', columns: ['a'] })).problems).toEqual([]);
    writeFileSync(join(project, 'changing.csv'), 'a\nx\n');
    utimesSync(join(project, 'changing.csv'), new Date(), new Date(Date.now() + 5000));
    expect((await call('data.inspectCsv', { path: 'changing.csv', columns: ['a'] })).problems.map((p) => p.kind)).toEqual(['not-a-number']);
  });

  it.each(['/etc/passwd', '../../../../../../../etc/passwd', 'link.csv', 'linked-folder/secret.csv', join(outside, 'secret.csv')])(
    'refuses %s in web mode, quoting nothing of the file',
    async (path) => {
      const e = await failure(api('web')('data.inspectCsv', { path }));
      expect(e.code).toBe('path-refused');
      expect(e.message).toContain('outside the project folder');
      expect(e.message).not.toMatch(/root:|SECRET/);
    },
  );

  it('reads the same path on the desktop, where the user may open any file', async () => {
    const r = await api('desktop')('data.inspectCsv', { path: join(outside, 'secret.csv'), columns: ['SECRET_HEADER'] });
    expect(r.header).toEqual(['SECRET_HEADER']);
    expect(r.problems.map((p) => p.kind)).toEqual(['not-a-number']);
  });
});
