import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { StudioNode } from '../canvas/flowTypes';
import { NodeCard } from './NodeCard';

/** A parameter node on the canvas (memoised: it re-renders only when its view or selection changes). */
export const ParameterNode = memo(function ParameterNode({ data, selected }: NodeProps<StudioNode>) {
  return <NodeCard view={data.view} selected={selected} />;
});
