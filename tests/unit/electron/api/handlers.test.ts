import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphFileError, parseGraphFile } from '../../../../shared/graph/index';
import { API, type Method, type Result } from '../../../../shared/protocol/api';
import { writeFileAtomic } from '../../../../electron/api/atomic-write';
import { createHandlers, dispatch, type Handlers } from '../../../../electron/api/handlers';
import { failure } from './run-helpers';
import { MAX_RECENT } from '../../../../electron/api/recent-files';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const examplesDir = join(root, 'assets', 'examples');
const VAE = readFileSync(join(examplesDir, 'vae-mnist.json'), 'utf8');
const CLASSIFIER = readFileSync(join(examplesDir, 'classifier-mnist.json'), 'utf8');
const TRUNCATED = VAE.slice(0, 200);

let dir: string;
let project: string;
let outside: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-handlers-'));
  project = join(dir, 'project');
  outside = join(dir, 'outside');
  mkdirSync(project);
  mkdirSync(outside);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Calls through dispatch, as both transports do, and returns the typed result. */
function caller(handlers: Handlers) {
  return <M extends Method>(method: M, params: unknown = {}): Promise<Result<M>> => dispatch(handlers, method, params) as Promise<Result<M>>;
}

function web() {
  return caller(createHandlers({ mode: 'web', projectDir: project, examplesDir }));
}

describe('app.info, examples.list and graph.validate', () => {
  it('tells the mode, version and (in web mode) the project folder', async () => {
    expect(await web()('app.info')).toEqual({ mode: 'web', appVersion: expect.any(String), projectDir: project });
    const desktop = caller(createHandlers({ mode: 'desktop', projectDir: project, examplesDir }));
    expect(await desktop('app.info')).toEqual({ mode: 'desktop', appVersion: expect.any(String) });
  });

  it('lists the examples with their titles, descriptions and texts', async () => {
    const examples = await web()('examples.list');
    expect(examples.map((e) => e.id)).toEqual([
      'advi-weibull-poisson',
      'bow-vae-text',
      'classifier-mnist',
      'cvae-mnist',
      'factors-mnist',
      'gumbel-vae-mnist',
      'iaf-vae-mnist',
      'kumaraswamy-beta-mnist',
      'm2-mnist',
      'maf-two-moons',
      'mixture-enumeration',
      'regressor-sine',
      'sentence-vae-text',
      'vae-mnist',
      'vae-two-moons',
    ]);
    const byId = new Map(examples.map((e) => [e.id, e]));
    expect(byId.get('classifier-mnist')!.title).toBe('Digit classifier on MNIST');
    expect(byId.get('vae-mnist')!.title).toBe('Variational autoencoder on MNIST');
    expect(byId.get('vae-two-moons')!.title).toBe('Variational autoencoder on two moons');
    expect(byId.get('mixture-enumeration')!.title).toMatch(/Gaussian mixture/);
    expect(examples.every((e) => e.description.length > 0)).toBe(true);
    expect(byId.get('vae-mnist')!.text).toBe(VAE);
  });

  it('reads an example again once its file changes (the list is kept between calls), and leaves out one that does not open', async () => {
    const dir = join(project, 'my-examples');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'mine.json');
    writeFileSync(file, VAE);
    const call = caller(createHandlers({ mode: 'web', projectDir: project, examplesDir: dir }));
    expect((await call('examples.list')).map((e) => e.title)).toEqual(['Variational autoencoder on MNIST']);
    writeFileSync(file, VAE.replace('"title": "Variational autoencoder on MNIST"', '"title": "My own VAE"'));
    expect((await call('examples.list')).map((e) => e.title)).toEqual(['My own VAE']);
    writeFileSync(file, TRUNCATED);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await call('examples.list')).toEqual([]);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/example mine.json does not open/));
    errors.mockRestore();
  });

  it('validates a good graph with no problems and reports a truncated file as corrupt', async () => {
    const call = web();
    expect(await call('graph.validate', { text: VAE })).toEqual({ ok: true, problems: [] });
    const bad = await call('graph.validate', { text: TRUNCATED });
    expect(bad).toMatchObject({ ok: false, fileError: { kind: 'corrupt' } });
  });
});

describe('dispatch', () => {
  it('refuses an unknown method', async () => {
    const e = await failure(web()('files.delete' as Method));
    expect(e.code).toBe('unknown-method');
    expect(e.message).toContain('files.delete');
  });

  it('refuses invalid params with a message naming the method and the field', async () => {
    const e = await failure(web()('graph.validate', { text: 42 }));
    expect(e.code).toBe('invalid-params');
    expect(e.message).toMatch(/^graph\.validate: invalid params: text: /);
    const extra = await failure(web()('app.info', { sneaky: true }));
    expect(extra.message).toContain('sneaky');
  });

  it('catches a handler that returns something outside its contract', async () => {
    const handlers = createHandlers({ mode: 'web', projectDir: project, examplesDir });
    const broken = { ...handlers, 'app.info': async () => ({ mode: 'cloud' }) } as unknown as Handlers;
    const e = await failure(dispatch(broken, 'app.info', {}));
    expect(e.code).toBe('invalid-result');
    expect(e.message).toContain('mode');
  });

  it('wraps an unexpected handler error as internal', async () => {
    const handlers = createHandlers({ mode: 'web', projectDir: project, examplesDir });
    const throwing = { ...handlers, 'files.list': async () => { throw new TypeError('boom'); } } as Handlers;
    const e = await failure(dispatch(throwing, 'files.list', {}));
    expect(e).toMatchObject({ code: 'internal', message: 'files.list failed: boom' });
  });

  it('covers every method of the protocol', () => {
    expect(Object.keys(createHandlers({ mode: 'web', projectDir: project, examplesDir })).sort()).toEqual(Object.keys(API).sort());
  });
});

describe('files in web mode', () => {
  it('saves and reopens a graph by a path relative to the project folder', async () => {
    const call = web();
    expect(await call('files.write', { path: 'vae.json', text: VAE })).toEqual({ path: 'vae.json' });
    expect(readFileSync(join(project, 'vae.json'), 'utf8')).toBe(VAE);
    expect(await call('files.read', { path: 'vae.json' })).toEqual({ path: 'vae.json', text: VAE });
  });

  it('lists graph files one folder deep, not other JSON, hidden files or the state folder', async () => {
    const call = web();
    mkdirSync(join(project, 'models'));
    mkdirSync(join(project, 'models', 'deeper'));
    writeFileSync(join(project, 'a.json'), VAE);
    writeFileSync(join(project, 'models', 'b.json'), CLASSIFIER);
    writeFileSync(join(project, 'models', 'deeper', 'c.json'), VAE);
    writeFileSync(join(project, 'package.json'), '{"name": "x"}');
    writeFileSync(join(project, '.hidden.json'), VAE);
    await call('recovery.write', { text: VAE });
    const files = await call('files.list');
    expect(files.map((f) => f.path)).toEqual(['a.json', 'models/b.json']);
    expect(files[1]).toMatchObject({ name: 'b.json', modified: expect.any(Number) });
  });

  it.each([
    ['../outside/x.json', 'escapes'],
    ['models/../../outside/x.json', 'escapes'],
    ['..\\outside\\x.json', 'escapes'],
    ['/etc/passwd', 'relative'],
    ['C:\\Windows\\x.json', 'relative'],
    ['.latent-studio/recovery.json', 'hidden'],
    ['notes.txt', '.json'],
  ])('refuses the path %s', async (path, why) => {
    const call = web();
    const e = await failure(call('files.write', { path, text: VAE }));
    expect(e.code).toBe('path-refused');
    expect(e.message).toContain(why);
    expect((await failure(call('files.read', { path }))).code).toBe('path-refused');
    expect(existsSync(join(outside, 'x.json'))).toBe(false);
  });

  it('refuses symbolic links that lead out of the project folder', async () => {
    const call = web();
    writeFileSync(join(outside, 'secret.json'), VAE);
    symlinkSync(join(outside, 'secret.json'), join(project, 'link.json'));
    symlinkSync(outside, join(project, 'linked-folder'));
    for (const path of ['link.json', 'linked-folder/secret.json', 'linked-folder/new.json']) {
      expect((await failure(call('files.read', { path }))).code).toBe('path-refused');
      expect((await failure(call('files.write', { path, text: CLASSIFIER }))).message).toMatch(/out of the project folder/);
    }
    expect(readFileSync(join(outside, 'secret.json'), 'utf8')).toBe(VAE);
    expect(existsSync(join(outside, 'new.json'))).toBe(false);
  });

  it('needs a path: there is no dialog in web mode', async () => {
    const call = web();
    expect((await failure(call('files.read', {}))).code).toBe('unavailable');
    expect((await failure(call('files.write', { text: VAE }))).code).toBe('unavailable');
  });

  it('refuses to write text that is not a valid graph file, leaving the old file as it was', async () => {
    const call = web();
    await call('files.write', { path: 'g.json', text: VAE });
    for (const text of [TRUNCATED, '{"format": "something-else"}', '']) {
      const e = await failure(call('files.write', { path: 'g.json', text }));
      expect(e.code).toBe('file-error');
      expect(e.message).toContain('refused to save g.json');
    }
    expect((await failure(call('files.write', { path: 'new.json', text: TRUNCATED }))).code).toBe('file-error');
    expect(readFileSync(join(project, 'g.json'), 'utf8')).toBe(VAE);
    expect(existsSync(join(project, 'new.json'))).toBe(false);
  });

  it('never overwrites a file that is not a graph', async () => {
    writeFileSync(join(project, 'settings.json'), '{"keep": true}');
    const e = await failure(web()('files.write', { path: 'settings.json', text: VAE }));
    expect(e.code).toBe('path-refused');
    expect(readFileSync(join(project, 'settings.json'), 'utf8')).toBe('{"keep": true}');
  });

  it("reports a corrupt file with the GraphFileError's message", async () => {
    writeFileSync(join(project, 'broken.json'), TRUNCATED);
    let expected = '';
    try {
      parseGraphFile(TRUNCATED);
    } catch (e) {
      expected = (e as GraphFileError).message;
    }
    expect(expected).toMatch(/not valid JSON/);
    const e = await failure(web()('files.read', { path: 'broken.json' }));
    expect(e.code).toBe('file-error');
    expect(e.message).toBe(`cannot open broken.json: ${expected}`);
  });

  it('says so when a file is missing', async () => {
    const e = await failure(web()('files.read', { path: 'nope.json' }));
    expect(e).toMatchObject({ code: 'not-found', message: 'cannot read nope.json: no such file' });
  });

  it('reports a failed save and leaves what was in the way untouched', async () => {
    // A folder where the file should go makes the final rename fail.
    mkdirSync(join(project, 'taken.json'));
    writeFileSync(join(project, 'taken.json', 'inside.txt'), 'keep');
    const e = await failure(web()('files.write', { path: 'taken.json', text: VAE }));
    expect(e.message).toContain('taken.json');
    expect(readFileSync(join(project, 'taken.json', 'inside.txt'), 'utf8')).toBe('keep');
    expect(readdirSync(project).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('keeps the old file whole when the rename fails, and removes its temporary file', async () => {
    const path = join(project, 'g.json');
    writeFileSync(path, VAE);
    const failingRename = { rename: async () => { throw Object.assign(new Error('disk gone'), { code: 'EIO' }); } };
    await expect(writeFileAtomic(path, CLASSIFIER, failingRename)).rejects.toThrow('disk gone');
    expect(readFileSync(path, 'utf8')).toBe(VAE);
    expect(readdirSync(project)).toEqual(['g.json']);
  });

  it('fails on a folder in the way without touching it or leaving a temporary file', async () => {
    const path = join(project, 'g.json');
    mkdirSync(path);
    writeFileSync(join(path, 'keep.txt'), 'keep');
    await expect(writeFileAtomic(path, VAE)).rejects.toThrow();
    expect(readFileSync(join(path, 'keep.txt'), 'utf8')).toBe('keep');
    expect(readdirSync(project)).toEqual(['g.json']);
  });

  it('replaces the file with the whole new text', async () => {
    const path = join(project, 'g.json');
    writeFileSync(path, VAE);
    await writeFileAtomic(path, CLASSIFIER);
    expect(readFileSync(path, 'utf8')).toBe(CLASSIFIER);
    expect(readdirSync(project)).toEqual(['g.json']);
  });
});

describe('files on the desktop', () => {
  /** Desktop handlers whose dialogs answer from a queue of paths (null = cancelled). */
  function desktop(answers: (string | null)[] = []) {
    const suggested: (string | undefined)[] = [];
    const dialogs = {
      open: async () => answers.shift() ?? null,
      save: async (name?: string) => {
        suggested.push(name);
        return answers.shift() ?? null;
      },
    };
    return { call: caller(createHandlers({ mode: 'desktop', projectDir: project, examplesDir, dialogs })), suggested };
  }

  it('opens and saves through the dialogs, and says when the user cancelled', async () => {
    const target = join(outside, 'saved.json');
    const { call, suggested } = desktop([target, null, target, null]);
    expect(await call('files.write', { text: VAE })).toEqual({ path: target });
    expect(suggested[0]).toBe('variational-autoencoder-on-mnist.json');
    expect(await call('files.write', { text: VAE })).toEqual({ cancelled: true });
    expect(await call('files.read', {})).toEqual({ path: target, text: VAE });
    expect(await call('files.read', {})).toEqual({ cancelled: true });
  });

  it('keeps a recent-files list, most recent first, without duplicates, at most ten', async () => {
    const paths = Array.from({ length: MAX_RECENT + 2 }, (_, i) => join(outside, `g${i}.json`));
    const { call } = desktop([...paths]);
    for (const _ of paths) await call('files.write', { text: VAE });
    await call('files.read', { path: paths[5]! });
    const listed = (await call('files.list')).map((f) => f.path);
    expect(listed).toHaveLength(MAX_RECENT);
    expect(listed[0]).toBe(paths[5]);
    expect(listed[1]).toBe(paths[MAX_RECENT + 1]);
    expect(new Set(listed).size).toBe(MAX_RECENT);
    const stored = JSON.parse(readFileSync(join(project, '.latent-studio', 'recent.json'), 'utf8'));
    expect(stored.files).toEqual(listed);
  });

  it('leaves out recent files that no longer exist', async () => {
    const a = join(outside, 'a.json');
    const { call } = desktop([a]);
    await call('files.write', { text: VAE });
    rmSync(a);
    expect(await call('files.list')).toEqual([]);
  });

  it('starts with an empty list when recent.json is damaged', async () => {
    mkdirSync(join(project, '.latent-studio'));
    writeFileSync(join(project, '.latent-studio', 'recent.json'), '{"files": [');
    expect(await desktop().call('files.list')).toEqual([]);
  });

  it('writes to a given path only if it was chosen, opened before or already holds a graph', async () => {
    const { call } = desktop();
    const fresh = join(outside, 'fresh.json');
    expect((await failure(call('files.write', { path: fresh, text: VAE }))).code).toBe('path-refused');
    expect(existsSync(fresh)).toBe(false);
    const existing = join(outside, 'existing.json');
    writeFileSync(existing, CLASSIFIER);
    expect(await call('files.write', { path: existing, text: VAE })).toEqual({ path: existing });
    expect((await failure(call('files.write', { path: 'relative.json', text: VAE }))).code).toBe('path-refused');
  });
});

describe('recovery', () => {
  it('round-trips the recovery copy in .latent-studio/recovery.json and clears it', async () => {
    const call = web();
    expect(await call('recovery.read')).toEqual({});
    const { savedAt } = await call('recovery.write', { text: VAE });
    expect(existsSync(join(project, '.latent-studio', 'recovery.json'))).toBe(true);
    expect(await call('recovery.read')).toEqual({ text: VAE, savedAt });
    expect(await call('recovery.clear')).toEqual({});
    expect(await call('recovery.read')).toEqual({});
    expect(await call('recovery.clear')).toEqual({});
  });

  it('reads a damaged recovery file as no recovery copy', async () => {
    mkdirSync(join(project, '.latent-studio'));
    writeFileSync(join(project, '.latent-studio', 'recovery.json'), '{"version": 1, "sav');
    expect(await web()('recovery.read')).toEqual({});
  });
});
