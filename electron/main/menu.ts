/**
 * The application menu. Items that act on the document send a command to the renderer (which
 * owns the document and its undo history); items the OS does better (clipboard, quit, full
 * screen) use Electron's roles.
 *
 * The renderer's side of the contract: when a text field has focus, it performs edit.undo /
 * edit.redo / edit.selectAll on the field itself (document.execCommand), since the accelerator
 * reached the menu instead of the field. Cut/copy/paste are roles, so the canvas handles the DOM
 * 'cut'/'copy'/'paste' events rather than a command.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuMessage } from '../../shared/protocol/menu';

/** A recent file as the menu shows it. */
export interface RecentEntry {
  readonly path: string;
  readonly name: string;
}

/** What the template needs from the app. */
export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** Recent files, most recent first. */
  readonly recent: readonly RecentEntry[];
  /** Adds developer items (reload, DevTools) when the app is not packaged. */
  readonly developer: boolean;
  /** Delivers a command to the focused window's renderer. */
  readonly send: (message: MenuMessage) => void;
}

/** Builds the menu template: plain data, so it can be inspected without Electron. */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { platform, recent, developer, send } = options;
  const mac = platform === 'darwin';
  const item = (label: string, command: MenuCommand, accelerator?: string, extra: MenuItemConstructorOptions = {}): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send({ command }),
    ...extra,
  });

  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.map((r) => ({ label: r.name, sublabel: r.path, click: () => send({ command: 'file.openRecent', path: r.path }) }))
    : [{ label: 'No Recent Files', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('&New', 'file.new', 'CmdOrCtrl+N'),
      item('&Open…', 'file.open', 'CmdOrCtrl+O'),
      { label: 'Open &Recent', submenu: recentItems },
      { type: 'separator' },
      item('&Save', 'file.save', 'CmdOrCtrl+S'),
      item('Save &As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      item('&Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      item('&Redo', 'edit.redo', platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      item('D&uplicate', 'edit.duplicate', 'CmdOrCtrl+D'),
      // Shown but not registered: the Delete key must keep working inside text fields.
      item('&Delete', 'edit.delete', mac ? 'Backspace' : 'Delete', { registerAccelerator: false }),
      { type: 'separator' },
      item('Select &All', 'edit.selectAll', 'CmdOrCtrl+A'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      item('Auto-&layout', 'view.autoLayout', 'CmdOrCtrl+Shift+L'),
      { type: 'separator' },
      item('Zoom &In', 'view.zoomIn', 'CmdOrCtrl+='),
      item('Zoom &Out', 'view.zoomOut', 'CmdOrCtrl+-'),
      item('Actual &Size', 'view.zoomReset', 'CmdOrCtrl+0'),
      item('&Fit to Window', 'view.fitView', 'CmdOrCtrl+1'),
      item('&Maths Panel', 'view.maths', 'CmdOrCtrl+Shift+M'),
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(developer ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const run: MenuItemConstructorOptions = {
    label: '&Run',
    submenu: [item('&Train', 'run.train', 'CmdOrCtrl+Enter'), item('&Stop', 'run.stop', 'CmdOrCtrl+.'), { type: 'separator' }, item('Estimator &Lab', 'run.lab')],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [item('&Keyboard Shortcuts', 'help.shortcuts', 'CmdOrCtrl+/'), item('&About Latent Studio', 'help.about')],
  };

  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, edit, view, run, ...(mac ? [{ role: 'windowMenu' } as const] : []), help];
}
