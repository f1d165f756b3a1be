import type { BrowserWindow as ElectronWindow, BrowserWindowConstructorOptions } from 'electron';

/** Electron's BrowserWindow class, or a stand-in with its constructor (tests). */
export type WindowClass<W = ElectronWindow> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Creates the app's one window. Every BrowserWindow is built here (a test reads electron/ to hold
 * that), so the security defaults live in one place: the page gets no Node, runs in Chromium's
 * sandbox, in a world isolated from the preload, may not load insecure or foreign content, and
 * the middle-click "auxclick" event (which can open new windows) is off. The options are written
 * as a literal at the construction so that a static audit (Electronegativity, in `npm test`) sees
 * them.
 */
export function createMainWindow<W>(BrowserWindow: WindowClass<W>, preloadPath: string): W {
  return new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 560,
    title: 'Latent Studio',
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** The options `createMainWindow` builds the window with (what tests compare against). */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  let captured: BrowserWindowConstructorOptions | undefined;
  class Capture {
    constructor(options: BrowserWindowConstructorOptions) {
      captured = options;
    }
  }
  createMainWindow(Capture, preloadPath);
  return captured!;
}
