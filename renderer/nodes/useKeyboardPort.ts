import { useCallback, useMemo, type KeyboardEvent } from 'react';
import { keyboardConnection, useKeyboardConnection, type KeyboardEnd } from '../canvas/keyboard-connection';
import { editorStore, useEditor } from '../store/use-editor';

/** What a port's handle needs to take part in a keyboard connection. */
export interface KeyboardPort {
  /** This port is where the connection in progress started. */
  readonly pending: boolean;
  /** A connection is in progress from the other direction and may end here (same rule as a drag). */
  readonly candidate: boolean;
  readonly onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void;
}

/**
 * Enter or Space on a handle starts or finishes a keyboard connection; Escape cancels it. The keys
 * stop at the handle: the node around it would otherwise take Enter as "select me" and Escape as
 * "unselect me".
 */
export function useKeyboardPort(end: KeyboardEnd): KeyboardPort {
  const { node, port, direction, label } = end;
  const from = useKeyboardConnection((s) => s.pending);
  const pending = from !== null && from.node === node && from.port === port && from.direction === direction;
  const asks = from !== null && from.direction !== direction;
  // Only while a connection is open does a handle need the graph; otherwise it keeps still.
  const graph = useEditor((s) => (asks ? s.graph : null));
  const candidate = useMemo(() => {
    if (!from || !graph || from.direction === direction) return false;
    const here = { node, port };
    const there = { node: from.node, port: from.port };
    const [source, target] = direction === 'in' ? [there, here] : [here, there];
    return editorStore.getState().checkConnection(source, target).ok;
  }, [from, graph, node, port, direction]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Enter' || e.key === ' ') keyboardConnection.getState().press({ node, port, direction, label });
      else if (e.key === 'Escape' && keyboardConnection.getState().pending) keyboardConnection.getState().cancel();
      else return;
      e.preventDefault();
      e.stopPropagation();
    },
    [node, port, direction, label],
  );
  return { pending, candidate, onKeyDown };
}
