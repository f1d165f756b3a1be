import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serializeGraphFile } from '../../../shared/graph/index';
import type { WorkerMessage } from '../../../electron/engine/worker/messages';
import { startRun } from '../../../electron/engine/worker/run-host';
import { tinyVae } from '../../helpers/tiny-graphs';

// Inside the repo (test-artifacts/ is ignored by git), so the worker bundle's requires of
// @tensorflow/* resolve to node_modules as they do from dist/electron.
const repo = fileURLToPath(new URL('../../..', import.meta.url));
mkdirSync(join(repo, 'test-artifacts'), { recursive: true });
const outDir = mkdtempSync(join(repo, 'test-artifacts', 'electron-build-'));
let inputs: string[] = [];

beforeAll(async () => {
  // A computed specifier: the script is plain JavaScript, without types to check.
  const script = new URL('../../../scripts/build-electron.mjs', import.meta.url).href;
  const { buildElectron } = (await import(script)) as { buildElectron(o: { quiet: boolean; outDir: string }): Promise<string[]> };
  inputs = await buildElectron({ quiet: true, outDir });
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const requiresOf = (file: string) => [...new Set([...readFileSync(join(outDir, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))];

describe('build-electron', () => {
  it('bundles the preload into one file that requires only electron (all a sandboxed preload may)', () => {
    expect(requiresOf('preload.cjs')).toEqual(['electron']);
  });

  it('bundles main with only electron and Node built-ins left to require', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect(requiresOf('main.cjs').filter((r) => r !== 'electron' && !builtins.has(r))).toEqual([]);
  });

  it('bundles the training worker with only Node built-ins and TensorFlow.js left to require', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const required = requiresOf('training-worker.cjs').filter((r) => !builtins.has(r));
    expect(required.sort()).toEqual(['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm']);
  });

  it('runs a tiny training in the bundled worker, on the wasm backend (its .wasm files found in node_modules)', async () => {
    const messages: WorkerMessage[] = [];
    const handle = startRun(
      { runId: 'bundled', graphText: serializeGraphFile(tinyVae()), baseDir: repo, backend: 'wasm', steps: 30, seed: 1, inspectEveryMs: 0 },
      (m) => messages.push(m),
      { workerUrl: pathToFileURL(join(outDir, 'training-worker.cjs')) },
    );
    const end = await handle.finished;
    expect(end).toMatchObject({ type: 'done', steps: 30, stopped: false });
    expect(messages[0]).toMatchObject({ type: 'started', backend: 'wasm' });
    expect(messages.flatMap((m) => (m.type === 'metrics' ? m.batch.map((r) => r.step) : []))).toEqual([10, 20, 30]);
  });

  it('records the sources it was built from, for the staleness check of npm start', () => {
    expect(inputs).toEqual(expect.arrayContaining(['electron/main/main.ts', 'electron/preload/preload.ts', 'electron/engine/worker/training-worker.ts', 'shared/protocol/api.ts']));
    expect(JSON.parse(readFileSync(join(outDir, 'inputs.json'), 'utf8')).inputs).toEqual(inputs);
  });

  it('runs the bundled preload with nothing but a fake electron to require, exposing call, onMenu and onEvent', async () => {
    const exposeInMainWorld = vi.fn();
    const invoke = vi.fn(async () => ({ result: {} }));
    const electron = { contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() } };
    const module = { exports: {} };
    const require = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require '${name}'`);
    };
    runInNewContext(readFileSync(join(outDir, 'preload.cjs'), 'utf8'), { require, module, exports: module.exports, console, URL, TextEncoder, TextDecoder });
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = exposeInMainWorld.mock.calls[0]! as unknown as [string, { call(m: string, p: unknown): Promise<unknown> }];
    expect(key).toBe('latentStudio');
    expect(Object.keys(api).sort()).toEqual(['call', 'onEvent', 'onMenu']);
    await api.call('app.info', {});
    expect(invoke).toHaveBeenCalledWith('api', { method: 'app.info', params: {} });
    await expect(api.call('shell.openExternal', {})).rejects.toThrow(/unknown API method/);
  });
});
