import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { StudioEdge } from './flowTypes';

/**
 * An edge labelled with the shape of the value it carries ("[784]", "class of 10"); drawn red or
 * amber when a problem points at it, and dashed when it hands over a distribution (q → posterior).
 */
export const ShapeEdge = memo(function ShapeEdge(props: EdgeProps<StudioEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const severity = data?.problem?.severity;
  const classes = ['shape-edge'];
  if (severity) classes.push(`shape-edge--${severity}`);
  if (selected) classes.push('shape-edge--selected');
  if (data?.flow) classes.push(`shape-edge--${data.flow}`);
  const title = [data?.label ? `carries ${data.label}` : null, ...(data?.problem?.messages ?? [])].filter(Boolean).join('\n');
  return (
    <>
      <BaseEdge id={id} path={path} className={classes.join(' ')} {...(markerEnd ? { markerEnd } : {})} interactionWidth={16} />
      {data?.label || severity ? (
        <EdgeLabelRenderer>
          <div
            className={`edge-label${severity ? ` edge-label--${severity}` : ''}${selected ? ' edge-label--selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={title}
          >
            {severity ? <span aria-hidden="true">{severity === 'error' ? '! ' : '⚠ '}</span> : null}
            {data?.label ?? '?'}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
