/**
 * The commands the application menu sends to the renderer, and the one check both ends apply.
 *
 * Main builds the menu from these names and the preload relays only messages that pass
 * {@link isMenuMessage}, so a compromised or buggy sender cannot push arbitrary data into the page.
 * In shared/ so that main, the preload and the renderer all use this one list.
 */
export const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.openRecent',
  'file.save',
  'file.saveAs',
  'edit.undo',
  'edit.redo',
  'edit.duplicate',
  'edit.delete',
  'edit.selectAll',
  'view.autoLayout',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomReset',
  'view.fitView',
  'view.maths',
  'run.train',
  'run.stop',
  'run.lab',
  'help.about',
  'help.shortcuts',
] as const;

/** A menu command name. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What travels on the menu channel: a command, and for `file.openRecent` the file's path. */
export interface MenuMessage {
  readonly command: MenuCommand;
  readonly path?: string;
}

const COMMANDS: ReadonlySet<string> = new Set(MENU_COMMANDS);

/** Checks a value received over IPC: a known command, a path exactly when the command needs one. */
export function isMenuMessage(value: unknown): value is MenuMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { command, path } = value as { command?: unknown; path?: unknown };
  if (typeof command !== 'string' || !COMMANDS.has(command)) return false;
  if (command === 'file.openRecent') return typeof path === 'string' && path.length > 0 && path.length <= 4096;
  return path === undefined;
}
