import type { MenuItemConstructorOptions } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mainWindowOptions } from '../../../../electron/main/window-options';

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

  it('sets a menu whose items reach the window', () => {
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const template = electron.Menu.buildFromTemplate.mock.calls.at(-1)![0] as MenuItemConstructorOptions[];
    const file = template.find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[];
    (file.find((i) => i.label === '&New')!.click as () => void)();
    expect(win.webContents.send).toHaveBeenCalledWith('menu', { command: 'file.new' });
  });
});
