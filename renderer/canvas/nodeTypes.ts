import type { NodeTypes } from '@xyflow/react';
import { DataNode } from '../nodes/DataNode';
import { NetworkNode } from '../nodes/NetworkNode';
import { DistributionNode } from '../nodes/DistributionNode';
import { ParameterNode } from '../nodes/ParameterNode';
import { UnknownNode } from '../nodes/UnknownNode';

/** One component per category; a module-level constant so React Flow never re-creates node types. */
export const NODE_TYPES: NodeTypes = {
  data: DataNode,
  network: NetworkNode,
  distribution: DistributionNode,
  parameter: ParameterNode,
  unknown: UnknownNode,
};
