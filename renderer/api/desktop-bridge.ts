/**
 * The desktop preload's `window.latentStudio`, as the renderer sees it. Only the API client and
 * the menu subscription touch it; the rest of the renderer never knows whether it exists.
 */

/**
 * The menu's commands. Mirrors electron/preload/menu-commands.ts, which the renderer may not
 * import (layering); a test holds the two lists equal.
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
  'help.about',
  'help.shortcuts',
] as const;

/** A menu command name. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** A menu command as delivered: `path` is set for 'file.openRecent'. */
export interface MenuMessage {
  readonly command: MenuCommand;
  readonly path?: string;
}

/** What the preload exposes. */
export interface DesktopBridge {
  call(method: string, params: unknown): Promise<unknown>;
  onMenu(callback: (message: MenuMessage) => void): () => void;
}

/** The bridge if this page runs in the desktop app (the preload put it there), else undefined. */
export function findDesktopBridge(scope: unknown): DesktopBridge | undefined {
  const bridge = (scope as { latentStudio?: Partial<DesktopBridge> } | null | undefined)?.latentStudio;
  return bridge && typeof bridge.call === 'function' && typeof bridge.onMenu === 'function' ? (bridge as DesktopBridge) : undefined;
}
