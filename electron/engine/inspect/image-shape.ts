import type { AnalyzedNode } from '../../../shared/graph/index';

/** Where a data set keeps its images: the column, and each row's pixel grid (row-major, one value per pixel). */
export interface ImageShape {
  readonly column: string;
  readonly width: number;
  readonly height: number;
}

/**
 * The image shape of a data node's rows, or null when its rows are not images. The one place
 * that knows which data sets are pictures: the graph only says "784 values", and a 784-wide CSV
 * is not necessarily 28 × 28 pixels. Add an image data set here and the panels show its samples.
 */
export function imageShapeOf(dataNode: AnalyzedNode): ImageShape | null {
  switch (dataNode.node.kind) {
    case 'data.mnist':
      return { column: 'x', width: 28, height: 28 };
    default:
      return null;
  }
}
