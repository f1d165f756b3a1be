import type { MenuItemConstructorOptions } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { serializeGraphFile } from '../../../../shared/graph/index';
import { runEventSchema } from '../../../../shared/protocol/runs';
import { serializeRunFile } from '../../../../electron/engine/runs/run-file';
import { mainWindowOptions } from '../../../../electron/main/window-options';
import { bundledWorkerUrl } from '../../../../electron/main/worker-entry';
import { tinyVae } from '../../../helpers/tiny-graphs';

/** A fake Electron, enough for main.ts to start: the binary cannot run here. */
const fake = vi.hoisted(() => {
  const listeners = new Map<string, (...args: unknown[]) => unknown>();
  class FakeWindow {
    static instances: FakeWindow[] = [];
    static getAllWindows = () => FakeWindow.instances;
    readonly webContents = { send: vi.fn() };
    readonly loadFile = vi.fn(async (_path: string) => undefined);
    constructor(readonly options: unknown) {
      FakeWindow.instances.push(this);
    }
    once() {}
    on() {}
    show() {}
    isDestroyed() {
      return false;
    }
  }
  const userData = { dir: '' };
  return {
    listeners,
    FakeWindow,
    userData,
    electron: {
      app: {
        enableSandbox: vi.fn(),
        requestSingleInstanceLock: vi.fn(() => true),
        quit: vi.fn(),
        isPackaged: false,
        getPath: vi.fn(() => userData.dir),
        on: vi.fn((name: string, fn: (...args: unknown[]) => unknown) => listeners.set(name, fn)),
        whenReady: vi.fn(() => Promise.resolve()),
      },
      BrowserWindow: FakeWindow,
      ipcMain: { handle: vi.fn() },
      Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
          webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
        },
      },
      dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn() },
    },
  };
});
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

fake.userData.dir = mkdtempSync(join(tmpdir(), 'latent-main-'));
afterAll(() => rmSync(fake.userData.dir, { recursive: true, force: true }));

describe('the main process (with a fake Electron)', async () => {
  await import('../../../../electron/main/main');
  await vi.waitFor(() => expect(fake.FakeWindow.instances).toHaveLength(1));
  const win = fake.FakeWindow.instances[0]!;
  const { electron } = fake;

  it('sandboxes every renderer and takes the single-instance lock', () => {
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it("opens one window with mainWindowOptions and the preload beside the bundle", () => {
    const preload = (win.options as ReturnType<typeof mainWindowOptions>).webPreferences!.preload!;
    expect(preload).toMatch(/preload\.cjs$/);
    expect(win.options).toEqual(mainWindowOptions(preload));
  });

  it('loads dist/renderer/index.html from disk', () => {
    expect(win.loadFile).toHaveBeenCalledTimes(1);
    expect(win.loadFile.mock.calls[0]![0]).toMatch(/dist[\\/]renderer[\\/]index\.html$/);
  });

  it('hardens the session and every web contents', () => {
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    fake.listeners.get('web-contents-created')!({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it("answers the app's page over the API channel and refuses any other", async () => {
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(1);
    const [channel, handle] = electron.ipcMain.handle.mock.calls[0]! as [string, (e: unknown, p: unknown) => Promise<unknown>];
    expect(channel).toBe('api');
    const appUrl = pathToFileURL(win.loadFile.mock.calls[0]![0]).href;
    const fromApp = { sender: win.webContents, senderFrame: { url: appUrl, parent: null } };
    await expect(handle(fromApp, { method: 'app.info', params: {} })).resolves.toEqual({ result: expect.objectContaining({ mode: 'desktop' }) });
    const examples = (await handle(fromApp, { method: 'examples.list', params: {} })) as { result: { id: string }[] };
    expect(examples.result.map((e) => e.id)).toContain('vae-mnist');
    await expect(handle(fromApp, { method: 'files.read', params: { path: 7 } })).resolves.toHaveProperty('error.code', 'invalid-params');
    const fromElsewhere = { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(handle(fromElsewhere, { method: 'app.info', params: {} })).rejects.toThrow(/refused/);
  });

  it('sends run events to the window on the backend-event channel', async () => {
    const [, handle] = electron.ipcMain.handle.mock.calls[0]! as [string, (e: unknown, p: unknown) => Promise<unknown>];
    const appUrl = pathToFileURL(win.loadFile.mock.calls[0]![0]).href;
    const fromApp = { sender: win.webContents, senderFrame: { url: appUrl, parent: null } };
    const summary = { id: 'r1', name: 'Run 1', graphName: 'g.json', createdAt: 1, status: 'done' as const, settings: { backend: 'cpu' as const }, step: 0, checkpointStep: null, networks: [] };
    const text = new TextEncoder();
    const bundle = zipSync({ 'project/run.json': text.encode(serializeRunFile(summary)), 'project/graph.json': text.encode(serializeGraphFile(tinyVae())) });
    win.webContents.send.mockClear();
    const reply = (await handle(fromApp, { method: 'runs.import', params: { name: 'b.zip', base64: Buffer.from(bundle).toString('base64') } })) as { result: { run: { id: string } } };
    const sent = win.webContents.send.mock.calls.filter(([channel]) => channel === 'backend-event');
    expect(sent).toHaveLength(1);
    const event = runEventSchema.parse(sent[0]![1]);
    expect(event).toMatchObject({ type: 'run.updated', run: { id: reply.result.run.id, name: 'Run 1 (imported)' } });
  });

  it('stops the training runs before quitting, then quits', async () => {
    const willQuit = fake.listeners.get('will-quit')!;
    const event = { preventDefault: vi.fn() };
    electron.app.quit.mockClear();
    willQuit(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
    // The second time round (from that quit) lets the app go.
    const again = { preventDefault: vi.fn() };
    willQuit(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('sets a menu whose items reach the window', () => {
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const template = electron.Menu.buildFromTemplate.mock.calls.at(-1)![0] as MenuItemConstructorOptions[];
    const file = template.find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[];
    (file.find((i) => i.label === '&New')!.click as () => void)();
    expect(win.webContents.send).toHaveBeenCalledWith('menu', { command: 'file.new' });
  });
});

describe('the worker entry main passes to the run manager', () => {
  it('is the bundled worker beside main.cjs, unpacked from the asar when it was, and none when run from source', () => {
    expect(bundledWorkerUrl('/app/dist/electron/main.cjs')?.href).toBe('file:///app/dist/electron/training-worker.cjs');
    const packed = '/opt/ls/resources/app.asar/dist/electron/main.cjs';
    expect(bundledWorkerUrl(packed, () => true)?.href).toBe('file:///opt/ls/resources/app.asar.unpacked/dist/electron/training-worker.cjs');
    expect(bundledWorkerUrl(packed, () => false)?.href).toBe('file:///opt/ls/resources/app.asar/dist/electron/training-worker.cjs');
    expect(bundledWorkerUrl('/repo/electron/main/main.ts')).toBeUndefined();
  });
});

describe('the folder dialog of exports', () => {
  it('asks for a folder, parented to the window, and says null when cancelled', async () => {
    const { createDialogs } = await import('../../../../electron/main/dialogs');
    const parent = { id: 'window' };
    const dialogs = createDialogs(() => parent as never);
    fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/u/exports'] });
    expect(await dialogs.chooseFolder()).toBe('/home/u/exports');
    const [owner, options] = fake.electron.dialog.showOpenDialog.mock.calls.at(-1)! as unknown as [unknown, { properties: string[] }];
    expect(owner).toBe(parent);
    expect(options.properties).toContain('openDirectory');
    fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await dialogs.chooseFolder()).toBeNull();
  });
});
