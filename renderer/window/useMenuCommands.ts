import { useEffect, useRef } from 'react';
import type { MenuCommand, MenuMessage } from '../../shared/protocol/menu';
import { onMenuCommand } from '../api/client';

/** What each command of the desktop's native menu does in this window; a command without an entry does nothing here. */
export type MenuHandlers = Partial<Record<MenuCommand, (message: MenuMessage) => void>>;

/**
 * Runs the desktop menu's commands: one subscription for the window's life, dispatching to the
 * latest `handlers` (a table, so a new menu command is one entry).
 */
export function useMenuCommands(handlers: MenuHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => onMenuCommand((m) => latest.current[m.command]?.(m)), []);
}
