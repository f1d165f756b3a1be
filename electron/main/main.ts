/**
 * The Electron main process: one window showing dist/renderer/index.html, the API served over one
 * IPC channel, run events sent to the window on another, the application menu, and the security
 * fences. Thin on purpose: what the API does lives in electron/api (shared with web mode), what
 * the window may do lives in window-options.ts and security.ts.
 *
 * Bundled by scripts/build-electron.mjs to dist/electron/main.cjs, with preload.cjs and the
 * training worker (training-worker.cjs) beside it.
 */
import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Result } from '../../shared/protocol/api';
import { createBackend, dispatch } from '../api/handlers';
import { MENU_CHANNEL, EVENT_CHANNEL } from '../preload/channels';
import type { MenuMessage } from '../../shared/protocol/menu';
import type { BackendEvent } from '../../shared/protocol/events';
import { createDialogs } from './dialogs';
import { registerApiIpc } from './ipc';
import { menuTemplate, type RecentEntry } from './menu';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window-options';
import { bundledWorkerUrl } from './worker-entry';

// The app's root is two folders up both from the bundle (dist/electron/main.cjs, also inside an
// asar) and from this source file (electron/main/main.ts, under tests), so paths hold in both.
const APP_ROOT = join(__dirname, '..', '..');
const PRELOAD_PATH = join(APP_ROOT, 'dist', 'electron', 'preload.cjs');
const INDEX_HTML = join(APP_ROOT, 'dist', 'renderer', 'index.html');
const APP_URL = pathToFileURL(INDEX_HTML).href;

let mainWindow: BrowserWindow | null = null;

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the project folder and its recovery file: hand over to it and leave.
  app.quit();
} else {
  start();
}

function start(): void {
  const workerUrl = bundledWorkerUrl(__filename);
  const backend = createBackend({
    mode: 'desktop',
    projectDir: app.getPath('userData'),
    examplesDir: join(APP_ROOT, 'assets', 'examples'),
    dialogs: createDialogs(() => mainWindow),
    ...(workerUrl && { workerUrl }),
  });
  const { handlers } = backend;
  backend.events.subscribe(sendEvent);

  // Before quitting, stop the training runs so each writes its checkpoint (they resume next time).
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void backend.dispose().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  /** Rebuilds the menu, whose Open Recent submenu follows the handlers' recent-files list. */
  const refreshMenu = async (): Promise<void> => {
    let recent: RecentEntry[] = [];
    try {
      const files = (await dispatch(handlers, 'files.list', {})) as Result<'files.list'>;
      recent = files.map(({ path, name }) => ({ path, name }));
    } catch {
      // A menu without recent files is better than no menu.
    }
    const template = menuTemplate({ platform: process.platform, recent, developer: !app.isPackaged, send: sendMenu });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  // Registered before any window exists so every web contents, including the first, is fenced.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, APP_URL));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    registerApiIpc(ipcMain, {
      appUrl: APP_URL,
      isAppWebContents: (sender) => mainWindow !== null && !mainWindow.isDestroyed() && sender === mainWindow.webContents,
      dispatch: async (method, params) => {
        const result = await dispatch(handlers, method, params);
        // Opening or saving a file changes the recent list.
        if (method === 'files.read' || method === 'files.write') void refreshMenu();
        return result;
      },
    });
    await refreshMenu();
    createWindow();
  });
}

/** Creates the app's window; its options come only from createMainWindow. */
function createWindow(): void {
  const win = createMainWindow(BrowserWindow, PRELOAD_PATH);
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadFile(INDEX_HTML).catch((e: unknown) => {
    console.error(`Latent Studio: cannot load ${INDEX_HTML} (${(e as Error).message}); run \`npm run build\` first.`);
    app.quit();
  });
}

/** Sends a run or lab event to the app window's page (the preload checks it against backendEventSchema). */
function sendEvent(event: BackendEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event);
}

/** Sends a menu command to the app window's page (the preload checks it again before relaying it). */
function sendMenu(message: MenuMessage): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(MENU_CHANNEL, message);
}
