import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The options of the app's one window. Every BrowserWindow is built from here (a test reads
 * main.ts to hold that), so the security defaults live in one place:
 * the page gets no Node, runs in Chromium's sandbox, in a world isolated from the preload, and
 * may not load insecure or foreign content.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
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
    },
  };
}
