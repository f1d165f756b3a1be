import { useEffect } from 'react';
import { useConnection } from '@xyflow/react';
import { editorStore } from '../store/use-editor';

/** Props of {@link ConnectionHint}. */
export interface ConnectionHintProps {
  /** Receives why the edge being dragged would be refused at the port under the pointer, or null. */
  readonly onHint: (reason: string | null) => void;
}

/**
 * Watches the connection being dragged and, over a port that refuses it, reports the store's
 * reason (canConnect), so the status line can say why while the mouse is still down. Renders nothing.
 */
export function ConnectionHint({ onHint }: ConnectionHintProps) {
  const reason = useConnection((c) => {
    if (!c.inProgress || !c.toHandle || c.isValid !== false) return null;
    const from = { node: c.fromHandle.nodeId, port: c.fromHandle.id ?? '' };
    const to = { node: c.toHandle.nodeId, port: c.toHandle.id ?? '' };
    // A drag may start at an input: the edge still goes from the output to the input.
    const [source, target] = c.fromHandle.type === 'source' ? [from, to] : [to, from];
    const check = editorStore.getState().checkConnection(source, target);
    if (!check.ok) return check.reason;
    // React Flow refuses a drop it considers invalid by itself (same kind of handle at both ends).
    return c.fromHandle.type === c.toHandle.type ? (c.fromHandle.type === 'source' ? 'an edge goes from an output to an input; both ends are outputs' : 'an edge goes from an output to an input; both ends are inputs') : null;
  });
  useEffect(() => onHint(reason), [reason, onHint]);
  return null;
}
