import type { EdgeTypes } from '@xyflow/react';
import { ShapeEdge } from './ShapeEdge';

/** The one edge type, a module-level constant so React Flow never re-creates it. */
export const EDGE_TYPES: EdgeTypes = { shape: ShapeEdge };
