import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../../electron/main/window-options';

const mainDir = fileURLToPath(new URL('../../../../electron/main/', import.meta.url));

describe('mainWindowOptions', () => {
  it('holds the security defaults and the preload path', () => {
    const options = mainWindowOptions('/app/dist/electron/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('is the only way main creates a window', () => {
    const source = readFileSync(join(mainDir, 'main.ts'), 'utf8');
    expect(source).not.toMatch(/new\s+BrowserWindow\b/);
    expect(source).toMatch(/createMainWindow\(BrowserWindow, PRELOAD_PATH\)/);
  });

  it('is the only place in electron/main that sets webPreferences or builds a window', () => {
    for (const file of readdirSync(mainDir).filter((f) => f.endsWith('.ts') && f !== 'window-options.ts')) {
      const source = readFileSync(join(mainDir, file), 'utf8');
      expect(source, file).not.toMatch(/webPreferences/);
      expect(source, file).not.toMatch(/new\s+BrowserWindow\b/);
    }
  });
});
