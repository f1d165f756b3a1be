import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { StudioNode } from '../canvas/flowTypes';
import { NodeCard } from './NodeCard';

/** A random variable on the canvas, tagged with its role (observed, latent or posterior). */
export const DistributionNode = memo(function DistributionNode({ data, selected }: NodeProps<StudioNode>) {
  return <NodeCard view={data.view} selected={selected} tag={data.view.role} />;
});
