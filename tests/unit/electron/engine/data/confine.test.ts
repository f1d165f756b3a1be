import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataPathRefused, resolveDataPath } from '../../../../../electron/engine/data/confine';

const outside = mkdtempSync(join(tmpdir(), 'ls-outside-'));
const project = mkdtempSync(join(tmpdir(), 'ls-project-'));
writeFileSync(join(outside, 'secret.csv'), 'root:x:0:0\n1,2\n');
mkdirSync(join(project, 'data'));
writeFileSync(join(project, 'data', 'table.csv'), 'a,b\n1,2\n');
symlinkSync(join(outside, 'secret.csv'), join(project, 'leak.csv'));
symlinkSync(outside, join(project, 'elsewhere'));
symlinkSync(join(project, 'data', 'table.csv'), join(project, 'alias.csv'));
afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
});

const refusal = (path: string, baseDir = project): Error => {
  try {
    resolveDataPath(path, baseDir, project, 'the file of CSV node table');
  } catch (e) {
    return e as Error;
  }
  throw new Error(`${path} was not refused`);
};

describe('data paths in web mode', () => {
  it('resolves paths inside the project folder, relative to the graph, through links that stay inside', () => {
    const real = realpathSync(project);
    expect(resolveDataPath('data/table.csv', project, project, 'x')).toBe(join(real, 'data', 'table.csv'));
    expect(resolveDataPath('table.csv', join(project, 'data'), project, 'x')).toBe(join(real, 'data', 'table.csv'));
    expect(resolveDataPath('alias.csv', project, project, 'x')).toBe(join(real, 'data', 'table.csv'));
    expect(resolveDataPath(join(project, 'data', 'table.csv'), project, project, 'x')).toBe(join(real, 'data', 'table.csv'));
    // A missing file inside the folder is the loader's to report.
    expect(resolveDataPath('data/missing.csv', project, project, 'x')).toBe(join(project, 'data', 'missing.csv'));
  });

  it.each([
    ['an absolute path', '/etc/passwd'],
    ['a path up and out', '../../../etc/hostname'],
    ['a link to a file outside', 'leak.csv'],
    ['a path through a linked folder', 'elsewhere/secret.csv'],
    ['a file outside that does not exist', '/nonexistent/x.csv'],
  ])('refuses %s, naming the rule and nothing of the file', (_, path) => {
    const e = refusal(path);
    expect(e).toBeInstanceOf(DataPathRefused);
    expect(e.message).toBe(`the file of CSV node table is ${JSON.stringify(path)}, outside the project folder: in web mode a graph may only read files inside the project folder (with links resolved)`);
    expect(e.message).not.toMatch(/root:|does not exist|no such/i);
  });

  it('leaves paths alone on the desktop and on the command line (no root)', () => {
    expect(resolveDataPath('/etc/passwd', project, undefined, 'x')).toBe('/etc/passwd');
    expect(resolveDataPath('../x.csv', join(project, 'data'), undefined, 'x')).toBe(join(project, 'x.csv'));
  });
});
