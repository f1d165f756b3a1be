import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The preload runs against a fake 'electron': what it exposes is what the page gets. */
const fake = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ result: {} })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: fake.exposeInMainWorld },
  ipcRenderer: { invoke: fake.invoke, on: fake.on, removeListener: fake.removeListener },
}));

await import('../../../../electron/preload/preload');
const [worldKey, exposed] = fake.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
const bridge = exposed as {
  call(method: string, params: unknown): Promise<unknown>;
  onMenu(cb: (m: unknown) => void): () => void;
  onEvent(cb: (e: unknown) => void): () => void;
};

beforeEach(() => {
  fake.invoke.mockClear();
  fake.on.mockClear();
  fake.removeListener.mockClear();
});

describe('preload', () => {
  it('exposes only call, onMenu and onEvent, as window.latentStudio', () => {
    expect(fake.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(worldKey).toBe('latentStudio');
    expect(Object.keys(exposed).sort()).toEqual(['call', 'onEvent', 'onMenu']);
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('forwards a known method over the api channel', async () => {
    await expect(bridge.call('app.info', {})).resolves.toEqual({ result: {} });
    expect(fake.invoke).toHaveBeenCalledWith('api', { method: 'app.info', params: {} });
  });

  it('refuses an unknown method without sending anything', async () => {
    for (const method of ['fs.readFile', '__proto__', 'constructor', 'toString', 42 as unknown as string]) {
      await expect(bridge.call(method, {}), String(method)).rejects.toThrow(/unknown API method/);
    }
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('relays valid menu commands, without the IPC event', () => {
    const received: unknown[] = [];
    bridge.onMenu((m) => received.push(m));
    const [channel, listener] = fake.on.mock.calls[0] as [string, (event: unknown, message: unknown) => void];
    expect(channel).toBe('menu');
    const event = { sender: 'ipcRenderer itself' };
    listener(event, { command: 'file.save' });
    listener(event, { command: 'file.openRecent', path: '/home/u/vae.json', extra: 'dropped' });
    listener(event, { command: 'rm -rf' });
    listener(event, 'file.save');
    expect(received).toEqual([{ command: 'file.save' }, { command: 'file.openRecent', path: '/home/u/vae.json' }]);
  });

  it('unsubscribes the same listener it subscribed', () => {
    const off = bridge.onMenu(() => undefined);
    off();
    expect(fake.removeListener).toHaveBeenCalledWith('menu', fake.on.mock.calls[0]![1]);
  });

  it('relays run and lab events that pass the protocol check, without the IPC event, and drops the rest', () => {
    const received: unknown[] = [];
    const off = bridge.onEvent((e) => received.push(e));
    const [channel, listener] = fake.on.mock.calls[0] as [string, (event: unknown, message: unknown) => void];
    expect(channel).toBe('backend-event');
    const event = { sender: 'ipcRenderer itself' };
    const metrics = { type: 'run.metrics', runId: 'r1', metrics: [{ step: 10, totalSteps: 20, elbo: -1, reconstruction: -1, kl: { z: 0.5 }, learningRate: 0.001, stepsPerSec: 9 }] };
    listener(event, metrics);
    listener(event, { type: 'run.deleted', runId: 'r1', sender: 'smuggled' });
    listener(event, { type: 'run.metrics', runId: 'r1', metrics: [] }); // min 1 record
    listener(event, { type: 'run.deleted', runId: '../etc' }); // not a run id
    listener(event, { type: 'shell.open', url: 'https://evil.example' });
    listener(event, 'run.deleted');
    listener(event, null);
    const progress = { type: 'lab.progress', labId: 'lab-1', label: 'relaxed τ = 0.5', done: 3, total: 10 };
    listener(event, progress);
    listener(event, { type: 'lab.cancelled', labId: '../lab' }); // not a lab id
    expect(received).toEqual([metrics, { type: 'run.deleted', runId: 'r1' }, progress]);
    expect(received[0]).not.toBe(metrics); // a fresh copy, not main's object
    off();
    expect(fake.removeListener).toHaveBeenCalledWith('backend-event', listener);
    expect(() => bridge.onEvent('nope' as unknown as () => void)).toThrow(TypeError);
  });

  it("imports nothing but 'electron' from outside (sandboxed preloads can require nothing else)", () => {
    for (const file of ['preload.ts', 'channels.ts']) {
      const source = readFileSync(new URL(`../../../../electron/preload/${file}`, import.meta.url), 'utf8');
      const bare = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName).filter((s) => !s.startsWith('.'));
      expect(bare.filter((s) => s !== 'electron'), file).toEqual([]);
    }
  });
});
