import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { StudioNode } from '../canvas/flowTypes';
import { NodeCard } from './NodeCard';

/** A data node on the canvas (memoised: it re-renders only when its view or selection changes). */
export const DataNode = memo(function DataNode({ data, selected }: NodeProps<StudioNode>) {
  return <NodeCard view={data.view} selected={selected} />;
});
