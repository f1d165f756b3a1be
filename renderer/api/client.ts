/**
 * The renderer's one way to reach the back end. `createApiClient` picks the transport: Electron IPC
 * when the desktop preload is there, else the WebSocket of web mode. Nothing else in the renderer
 * knows which one it got (what the back end is, `app.info` says).
 */
// First: no zod schema may be built before the JIT is off (see zod-jitless.ts).
import './zod-jitless';
import type { ApiClient } from '../../shared/protocol/api';
import { findDesktopBridge, type MenuMessage } from './desktop-bridge';
import { createIpcTransport } from './ipc-transport';
import { apiSocketUrl, createWsTransport } from './ws-transport';

/** The API client for this page. Call once, at startup. */
export function createApiClient(): ApiClient {
  const bridge = findDesktopBridge(window);
  if (bridge) return createIpcTransport(bridge);
  return createWsTransport({ url: apiSocketUrl(window.location.href) });
}

/**
 * Subscribes to the native menu's commands; returns the unsubscribe function. In web mode there
 * is no native menu and this never fires (the page's own menu bar and shortcuts issue the same
 * commands directly).
 */
export function onMenuCommand(callback: (message: MenuMessage) => void): () => void {
  const bridge = findDesktopBridge(window);
  return bridge ? bridge.onMenu(callback) : () => undefined;
}

export { ApiError } from './api-error';
export { MENU_COMMANDS, type MenuCommand, type MenuMessage } from './desktop-bridge';
