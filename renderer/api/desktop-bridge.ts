/**
 * The desktop preload's `window.latentStudio`, as the renderer sees it. Only the API client and
 * the menu subscription touch it; the rest of the renderer never knows whether it exists.
 */

import type { MenuMessage } from '../../shared/protocol/menu';

export { MENU_COMMANDS, type MenuCommand, type MenuMessage } from '../../shared/protocol/menu';

/** What the preload exposes. */
export interface DesktopBridge {
  call(method: string, params: unknown): Promise<unknown>;
  onMenu(callback: (message: MenuMessage) => void): () => void;
  /** Subscribes to the run events main pushes; returns the function that unsubscribes. */
  onEvent(callback: (event: unknown) => void): () => void;
}

/** The bridge if this page runs in the desktop app (the preload put it there), else undefined. */
export function findDesktopBridge(scope: unknown): DesktopBridge | undefined {
  const bridge = (scope as { latentStudio?: Partial<DesktopBridge> } | null | undefined)?.latentStudio;
  return bridge && typeof bridge.call === 'function' && typeof bridge.onMenu === 'function' && typeof bridge.onEvent === 'function' ? (bridge as DesktopBridge) : undefined;
}
