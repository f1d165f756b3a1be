import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { PortView } from '../canvas/flowTypes';
import { portLabel } from '../canvas/port-choices';
import { useKeyboardPort } from './useKeyboardPort';

/** The tooltip of a port: what flows there, its shape rule and inferred shape, and its problems. */
export function portTitle(port: PortView): string {
  const lines = [`${port.name}: ${port.description}`, `shape ${port.inferred ?? port.shape}${port.inferred && port.inferred !== port.shape ? ` (rule ${port.shape})` : ''}`];
  if (port.required) lines.push('required');
  if (port.multiple) lines.push('takes several inputs (concatenated)');
  if (port.problem) lines.push(...port.problem.messages);
  return lines.join('\n');
}

/** Props of {@link PortHandle}. */
export interface PortHandleProps {
  readonly port: PortView;
  readonly nodeId: string;
  /** The node's name, for the handle's accessible name ("input logits of x"). */
  readonly nodeName: string;
}

/**
 * One typed port: a React Flow handle (id = port name; inputs on the left as targets, outputs on
 * the right as sources) with the port's name beside it, and a mark when a problem points at it.
 * The handle is in the tab order: Enter starts or finishes a keyboard connection (useKeyboardPort).
 */
export const PortHandle = memo(function PortHandle({ port, nodeId, nodeName }: PortHandleProps) {
  const input = port.direction === 'in';
  const keys = useKeyboardPort({ node: nodeId, port: port.name, direction: port.direction, label: portLabel(nodeName, port.name) });
  const classes = ['port', input ? 'port--in' : 'port--out'];
  if (keys.pending) classes.push('port--pending');
  if (keys.candidate) classes.push('port--candidate');
  if (port.connected) classes.push('port--connected');
  if (port.required && !port.connected) classes.push('port--required');
  if (port.problem) classes.push(`port--${port.problem.severity}`);
  const title = portTitle(port);
  return (
    <div className={classes.join(' ')} title={title} data-port={port.name}>
      <Handle
        type={input ? 'target' : 'source'}
        position={input ? Position.Left : Position.Right}
        id={port.name}
        className="port__handle"
        aria-label={`${input ? 'input' : 'output'} ${port.name} of ${nodeName}`}
        title={title}
        // A button: Enter acts on it (starts or ends a connection); a bare div may not carry a label.
        role="button"
        tabIndex={0}
        onKeyDown={keys.onKeyDown}
      />
      <span className="port__name">{port.name}</span>
      {port.inferred && !input ? <span className="port__shape">{port.inferred}</span> : null}
      {port.problem ? (
        <span className={`port__mark port__mark--${port.problem.severity}`} aria-label={`${port.problem.severity} on ${port.name}`} role="img">
          {port.problem.severity === 'error' ? '!' : '⚠'}
        </span>
      ) : null}
    </div>
  );
});
