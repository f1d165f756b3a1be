import { useEffect, useMemo, useRef } from 'react';
import type { ImageSet } from '../../shared/protocol/runs';
import { drawImageGrid } from './image-canvas';
import { pickImages } from './image-pick';
import { decodeImageSet, gridLayout, pixelScale } from './pixels';

/** Props of {@link ImageGrid}. */
export interface ImageGridProps {
  readonly images: ImageSet;
  /** Accessible name of the grid, e.g. "64 samples from the prior through decoder". */
  readonly label: string;
  /** Images per row (default 8). */
  readonly columns?: number;
  /** Shows at most this many images (default all). */
  readonly max?: number;
  /** Shows only the images at these indices, in this order (before `max`); keep the array stable between renders. */
  readonly indices?: readonly number[];
  /** About how wide each image is drawn in CSS pixels (default 56; rounded to whole pixels per image pixel). */
  readonly cellSize?: number;
  /** A title above the grid, styled as the charts' titles. */
  readonly title?: string;
  /** Short text beside the title (e.g. "step 2,000"). */
  readonly meta?: string;
  /** When set, the grid is a chart of the export under this name ({@link captureChartImages}). */
  readonly exportName?: string;
}

/**
 * Greyscale images (an inspection's {@link ImageSet}) in a grid on a canvas, nearest-neighbour scaled
 * so 28 × 28 digits stay crisp; the canvas shrinks to fit a narrow container.
 */
export function ImageGrid({ images, label, columns = 8, max, indices, cellSize = 56, title, meta, exportName }: ImageGridProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const decoded = useMemo(() => {
    const all = decodeImageSet(images);
    const d = indices ? pickImages(all, indices) : all;
    const count = max === undefined ? d.count : Math.max(0, Math.min(d.count, Math.floor(max)));
    return { ...d, count, pixels: d.pixels.subarray(0, count * d.width * d.height) };
  }, [images, max, indices]);
  const scale = pixelScale(decoded.width, cellSize);
  const layout = useMemo(
    () => gridLayout({ count: decoded.count, columns, cellWidth: decoded.width * scale, cellHeight: decoded.height * scale, gap: 2 }),
    [decoded, columns, scale],
  );
  useEffect(() => {
    if (canvasRef.current) drawImageGrid(canvasRef.current, decoded, layout, scale);
  }, [decoded, layout, scale]);

  return (
    <figure className="run-images" role="figure" aria-label={label} data-chart-name={exportName} data-chart-title={exportName ? (title ?? label) : undefined}>
      {title !== undefined && (
        <div className="run-chart__header">
          <h3 className="run-chart__title">{title}</h3>
          {meta && <span className="run-chart__meta">{meta}</span>}
        </div>
      )}
      {decoded.count === 0 ? (
        <div className="run-images__empty" role="status">
          No images yet
        </div>
      ) : (
        <canvas ref={canvasRef} className="run-images__canvas" role="img" aria-label={label} data-chart-plot="" data-pixelated="" />
      )}
    </figure>
  );
}
