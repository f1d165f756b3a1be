/**
 * The dialogs the desktop handlers use when a call names no path: open and save, filtered to graph
 * files (.json), and the folder an export goes into. All are parented to the app window so they
 * are modal to it.
 */
import { dialog, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { extname } from 'node:path';

/** What `createHandlers` expects as `dialogs`. */
export interface Dialogs {
  open(): Promise<string | null>;
  save(suggested?: string): Promise<string | null>;
  /** The folder to export into, or null if cancelled. */
  chooseFolder(): Promise<string | null>;
}

const GRAPH_FILTERS = [{ name: 'Latent Studio graph', extensions: ['json'] }];

/** Dialogs parented to whichever window is the app's at the time of the call. */
export function createDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  return {
    async open() {
      const win = getWindow();
      const options = { title: 'Open graph', properties: ['openFile' as const], filters: GRAPH_FILTERS };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async save(suggested?: string) {
      const win = getWindow();
      const options = { title: 'Save graph', filters: GRAPH_FILTERS, ...(suggested ? { defaultPath: suggested } : {}) };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return null;
      return withJsonExtension(r.filePath, win);
    },
    async chooseFolder() {
      const win = getWindow();
      const options = { title: 'Export into folder', buttonLabel: 'Export Here', properties: ['openDirectory' as const, 'createDirectory' as const] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}

/**
 * Some platforms' save dialogs (GTK) do not add the filter's extension, and a graph saved as
 * "model" would then be hidden by the .json filter of the open dialog. Adding it bypasses the
 * dialog's own overwrite question, so we ask it ourselves when the name with .json exists.
 */
async function withJsonExtension(path: string, win: BrowserWindow | null): Promise<string | null> {
  if (extname(path) !== '') return path;
  const withExt = `${path}.json`;
  if (!existsSync(withExt)) return withExt;
  const options = {
    type: 'question' as const,
    buttons: ['Replace', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: `${withExt} already exists. Replace it?`,
  };
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response === 0 ? withExt : null;
}
