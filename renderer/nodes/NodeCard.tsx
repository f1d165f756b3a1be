import { useEffect } from 'react';
import { useUpdateNodeInternals } from '@xyflow/react';
import type { NodeView } from '../canvas/flowTypes';
import { PortHandle } from './PortHandle';
import { ProblemBadge } from './ProblemBadge';

/** Props of {@link NodeCard}. */
export interface NodeCardProps {
  readonly view: NodeView;
  readonly selected: boolean;
  /** A short tag drawn in the header (the role of a distribution). */
  readonly tag?: string | null;
}

/**
 * The body every node shares: a header in its category's colour with the name and kind, the
 * one-line summary, problem badge, and the ports as labelled handles (inputs left, outputs right).
 */
export function NodeCard({ view, selected, tag }: NodeCardProps) {
  // React Flow measures a node's handles only when the node changes size; renaming a head or
  // switching a role changes the ports without that, so tell it whenever the port list changes.
  const updateNodeInternals = useUpdateNodeInternals();
  const portKey = [...view.inputs, ...view.outputs].map((p) => p.name).join('|');
  useEffect(() => {
    updateNodeInternals(view.nodeId);
  }, [updateNodeInternals, view.nodeId, portKey]);
  const classes = ['studio-node', `studio-node--${view.category}`];
  if (selected) classes.push('studio-node--selected');
  if (view.errors) classes.push('studio-node--error');
  else if (view.warnings) classes.push('studio-node--warning');
  if (tag) classes.push(`studio-node--role-${tag}`);
  return (
    <div className={classes.join(' ')} data-node-name={view.name}>
      <div className="studio-node__header">
        <span className="studio-node__kind">{view.kindName}</span>
        {tag ? <span className={`studio-node__tag studio-node__tag--${tag}`}>{tag}</span> : null}
        <ProblemBadge errors={view.errors} warnings={view.warnings} messages={view.messages} />
      </div>
      <div className="studio-node__name">{view.name}</div>
      {view.estimator ? (
        <div className="studio-node__estimator" title={view.estimator.title} aria-hidden="true">
          {view.estimator.badge}
        </div>
      ) : null}
      <div className="studio-node__summary" title={view.summary}>
        {view.summary}
      </div>
      {view.inputs.length + view.outputs.length > 0 ? (
        <div className="studio-node__ports">
          <div className="studio-node__inputs">
            {view.inputs.map((p) => (
              <PortHandle key={p.name} port={p} nodeId={view.nodeId} nodeName={view.name} />
            ))}
          </div>
          <div className="studio-node__outputs">
            {view.outputs.map((p) => (
              <PortHandle key={p.name} port={p} nodeId={view.nodeId} nodeName={view.name} />
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
